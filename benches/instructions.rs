//! Instruction counts (gungraun, callgrind under valgrind): deterministic
//! where wall-clock times move 2-3x between days. One help center token of
//! the typical payload (the peers' claims, five validated user fields),
//! HS256: mint from a read user, mint from the user's JSON, verify into a
//! map and into a struct, and the user read alone. Each count is held to
//! `benches/instructions.json`, the committed baseline: more than 5% over
//! it fails the run (`make bench-instructions`; `scripts/instructions.sh
//! --update` writes a new baseline after an intended change). The set-up
//! state is handed back to the teardown, so its drop is not counted.

#[path = "support/typed.rs"]
mod typed;

use std::hint::black_box;

use typed::{Claims, floor_verify};

use gungraun::{
    Callgrind, EventKind, LibraryBenchmarkConfig, library_benchmark, library_benchmark_group, main,
};
use hcjwt::{
    Algorithm, ClaimSet, FieldCatalog, Minter, MinterOptions, SigningKey, User, Verifier,
    VerifierOptions,
};

const NOW: i64 = 1_700_000_000;
const SECRET: &[u8] = b"a-shared-secret-of-at-least-32-bytes!!";
/// The growth over the baseline that fails the run, in percent.
const ALLOWED_GROWTH: f64 = 5.0;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

/// The baseline's limit for `id`: no limit before the first baseline.
fn limit(id: &str) -> LibraryBenchmarkConfig {
    let baseline: serde_json::Value = std::fs::read(format!(
        "{}/benches/instructions.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .ok()
    .and_then(|bytes| serde_json::from_slice(&bytes).ok())
    .unwrap_or_default();
    let mut config = LibraryBenchmarkConfig::default();
    if let Some(count) = baseline.get(id).and_then(serde_json::Value::as_u64) {
        let allowed = (count as f64 * (1.0 + ALLOWED_GROWTH / 100.0)) as u64;
        config.tool(Callgrind::default().hard_limits([(EventKind::Ir, allowed)]));
    }
    config
}

/// What a service holds: the minter of the typical payload, the user JSON
/// and the token; one mint and one verify done, so lazily made state (the
/// jti pool, the payload buffer) is in place as it is after the first call.
struct Prepared {
    minter: Minter,
    verifier: Verifier,
    json: Vec<u8>,
    user: User<'static>,
    token: String,
    hmac: aws_lc_rs::hmac::Key,
}

fn prepare() -> Prepared {
    let claims = ClaimSet::from_json(&read("benches/peers/claims5.json")).unwrap();
    let fields = FieldCatalog::from_json(&read("examples/fields.json")).unwrap();
    let minter = Minter::new(
        SigningKey::from_secret(SECRET, Algorithm::HS256).unwrap(),
        MinterOptions::help_center(Some(claims), Some(fields)),
    )
    .unwrap();
    let json = read("examples/user.json");
    let token = minter.mint_json(&json, Some(NOW)).unwrap();
    let verifier =
        Verifier::from_key_bytes(SECRET, &[Algorithm::HS256], VerifierOptions::default()).unwrap();
    verifier.verify_at(&token, NOW).unwrap();
    let user = User::from_json(&json).unwrap().into_owned();
    Prepared {
        minter,
        verifier,
        json,
        user,
        token,
        hmac: aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, SECRET),
    }
}

#[library_benchmark]
#[bench::hs256(setup = prepare, teardown = drop, config = limit("mint_hs256"))]
fn mint(prepared: Prepared) -> (String, Prepared) {
    let out = black_box(
        prepared
            .minter
            .mint_at(black_box(&prepared.user), NOW)
            .unwrap(),
    );
    (out, prepared)
}

#[library_benchmark]
#[bench::hs256(setup = prepare, teardown = drop, config = limit("mint_json_hs256"))]
fn mint_json(prepared: Prepared) -> (String, Prepared) {
    let out = black_box(
        prepared
            .minter
            .mint_json(black_box(&prepared.json), Some(NOW))
            .unwrap(),
    );
    (out, prepared)
}

#[library_benchmark]
#[bench::hs256(setup = prepare, teardown = drop, config = limit("verify_map_hs256"))]
fn verify_map(prepared: Prepared) -> (serde_json::Map<String, serde_json::Value>, Prepared) {
    let out = black_box(
        prepared
            .verifier
            .verify_at(black_box(&prepared.token), NOW)
            .unwrap(),
    );
    (out, prepared)
}

#[library_benchmark]
#[bench::hs256(setup = prepare, teardown = drop, config = limit("verify_typed_hs256"))]
fn verify_typed(prepared: Prepared) -> (Claims, Prepared) {
    let out = black_box(
        prepared
            .verifier
            .verify_as_at::<Claims>(black_box(&prepared.token), NOW)
            .unwrap(),
    );
    (out, prepared)
}

#[library_benchmark]
#[bench::user_json(setup = prepare, teardown = drop, config = limit("read_user"))]
fn read_user(prepared: Prepared) -> (usize, Prepared) {
    let user = User::from_json(black_box(&prepared.json)).unwrap();
    let out = black_box(user.get(hcjwt::Member::UserFields).is_some() as usize);
    (out, prepared)
}

// The floor of a typed HS256 verify: base64url of the payload and the
// signature, the HMAC check, `serde_json::from_slice::<Claims>`.
#[library_benchmark]
#[bench::hs256(setup = prepare, teardown = drop, config = limit("floor_verify_typed_hs256"))]
fn floor_verify_typed(prepared: Prepared) -> (Claims, Prepared) {
    let out = black_box(floor_verify(&prepared.hmac, black_box(&prepared.token)));
    (out, prepared)
}

// The peer: jsonwebtoken's decode::<Claims> of the same token, `exp` checked.
#[library_benchmark]
#[bench::hs256(setup = prepare, teardown = drop, config = limit("jsonwebtoken_verify_typed_hs256"))]
fn jsonwebtoken_verify_typed(prepared: Prepared) -> (Claims, Prepared) {
    let key = jsonwebtoken::DecodingKey::from_secret(SECRET);
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false;
    let out = black_box(
        jsonwebtoken::decode::<Claims>(black_box(&prepared.token), &key, &validation)
            .unwrap()
            .claims,
    );
    (out, prepared)
}

library_benchmark_group!(
    name = hs256;
    benchmarks = mint, mint_json, verify_map, verify_typed, read_user, floor_verify_typed,
        jsonwebtoken_verify_typed
);

main!(library_benchmark_groups = hs256);
