//! Heap allocations per minted token, counted by a global allocator (a count,
//! not a time): the target is at most 2 for a typical token.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use hcjwt::{Algorithm, ClaimSet, FieldCatalog, Minter, MinterOptions, SigningKey, User};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn key_file(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/keys/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn count(rounds: usize, mut body: impl FnMut()) -> usize {
    body();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..rounds {
        body();
    }
    (ALLOCATIONS.load(Ordering::Relaxed) - before).div_ceil(rounds)
}

/// Allocations the crypto backend makes itself for one signature (aws-lc-rs
/// allocates in Rust for ECDSA, Ed25519 and RSA; HMAC makes none).
fn backend_allocations(key: &SigningKey) -> usize {
    let message = [b'x'; 600];
    // `sign` returns its signature in a Vec of its own: one more than the backend.
    count(100, || drop(key.sign(&message).unwrap())) - 1
}

fn allocations_per_token(key: SigningKey) -> usize {
    let options = MinterOptions::help_center(
        Some(ClaimSet::from_json(&example("claims.json")).unwrap()),
        Some(FieldCatalog::from_json(&example("fields.json")).unwrap()),
    );
    let minter = Minter::new(key, options).unwrap();
    let bytes = example("user.json");
    let user = User::from_json(&bytes).unwrap();
    // The first call warms the per-thread payload buffer up.
    count(100, || drop(minter.mint_at(&user, 1_700_000_000).unwrap()))
}

#[test]
fn a_typical_token_costs_at_most_two_allocations() {
    let keys = [
        SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap(),
        SigningKey::from_bytes(&key_file("p256.pem"), None).unwrap(),
        SigningKey::from_bytes(&key_file("ed25519.pem"), None).unwrap(),
        SigningKey::from_bytes(&key_file("rsa2048.pem"), None).unwrap(),
    ];
    for key in keys {
        let algorithm = key.algorithm();
        let backend = backend_allocations(&key);
        let total = allocations_per_token(key);
        println!(
            "{algorithm}: {total} allocations per token, {backend} of them in the crypto backend"
        );
        assert!(
            total - backend <= 2,
            "{algorithm}: hcjwt makes {} allocations per token",
            total - backend
        );
    }
    let hmac = SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap();
    assert_eq!(backend_allocations(&hmac), 0);
    assert!(allocations_per_token(hmac) <= 2);
}
