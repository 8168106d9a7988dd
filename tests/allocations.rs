//! Heap allocations per minted token, counted by a global allocator (a count,
//! not a time): one for a typical token (its string), none when minting into
//! a reused string.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use hcjwt::{Algorithm, ClaimSet, FieldCatalog, Minter, MinterOptions, SigningKey, User};

mod common;
use common::key_file;

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

/// Allocations per token by `mint_at` and by `mint_into` a reused string.
fn allocations_per_token(key: SigningKey) -> (usize, usize) {
    let options = MinterOptions::help_center(
        Some(ClaimSet::from_json(&example("claims.json")).unwrap()),
        Some(FieldCatalog::from_json(&example("fields.json")).unwrap()),
    );
    let minter = Minter::new(key, options).unwrap();
    let bytes = example("user.json");
    let user = User::from_json(&bytes).unwrap();
    // The first call warms the per-thread payload buffer up.
    let fresh = count(100, || drop(minter.mint_at(&user, 1_700_000_000).unwrap()));
    let mut token = String::new();
    let reused = count(100, || {
        minter.mint_into(&user, 1_700_000_000, &mut token).unwrap()
    });
    (fresh, reused)
}

#[test]
fn a_typical_token_costs_one_allocation_and_none_into_a_reused_string() {
    let keys = [
        SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap(),
        SigningKey::from_bytes(&key_file("p256.pem"), None).unwrap(),
        SigningKey::from_bytes(&key_file("ed25519.pem"), None).unwrap(),
        SigningKey::from_bytes(&key_file("rsa2048.pem"), None).unwrap(),
    ];
    for key in keys {
        let algorithm = key.algorithm();
        let backend = backend_allocations(&key);
        let (fresh, reused) = allocations_per_token(key);
        println!(
            "{algorithm}: {fresh} allocations per token ({reused} into a reused string), \
             {backend} of them in the crypto backend"
        );
        assert_eq!(fresh - backend, 1, "{algorithm}: mint_at");
        assert_eq!(reused - backend, 0, "{algorithm}: mint_into");
    }
    let hmac = SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap();
    assert_eq!(backend_allocations(&hmac), 0);
    assert_eq!(allocations_per_token(hmac), (1, 0));
}
