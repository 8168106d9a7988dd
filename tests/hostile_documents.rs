//! Hostile sizes: documents and tokens cost memory in proportion to their
//! size (measured by a global allocator that tracks the peak, not a time),
//! validation errors of a huge document stay bounded, and catalogs and
//! claim sets of tens of thousands of records load (in linear time: the
//! quadratic loader took 24 s for 16,000 fields).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use hcjwt::{ClaimSets, ErrorKind, FieldCatalog, Json, limits};

struct Peak;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator and only counts.
unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Peak = Peak;

/// One test at a time: tests run on several threads, and every allocation
/// counts toward the peak.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// The most memory `body` held at once beyond what was held before it.
fn peak_of<T>(body: impl FnOnce() -> T) -> (T, usize) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let result = body();
    (result, PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

/// `[{},{},...]` of about `bytes` bytes.
fn empty_objects(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 2);
    text.push('[');
    while text.len() < bytes {
        text.push_str("{},");
    }
    text.push_str("{}]");
    text
}

#[test]
fn json_costs_memory_in_proportion_to_its_size() {
    let _serial = serial();
    let text = empty_objects(1 << 20);
    let (value, peak) = peak_of(|| hcjwt::parse_strict(text.as_bytes(), "test").unwrap());
    drop(value);
    assert!(
        peak < 64 * text.len(),
        "parse_strict: {peak} bytes for {}",
        text.len()
    );
    let ((), peak) = peak_of(|| Json::from_slice(text.as_bytes(), "test").map(drop).unwrap());
    assert!(
        peak < 32 * text.len(),
        "Json: {peak} bytes for {}",
        text.len()
    );
}

#[test]
fn decode_and_inspect_are_bounded_by_the_size_limit() {
    let _serial = serial();
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let payload = format!("{{\"a\":{}}}", empty_objects(40 << 10));
    let token = format!("e30.{}.c2ln", URL_SAFE_NO_PAD.encode(&payload));
    assert!(token.len() < limits::MAX_INSPECTED_TOKEN_BYTES);
    let (decoded, peak) = peak_of(|| hcjwt::dangerous::decode(&token).map(drop));
    decoded.unwrap();
    assert!(
        peak < 40 * token.len(),
        "decode: {peak} bytes for {}",
        token.len()
    );
    let (inspected, peak) = peak_of(|| hcjwt::inspect(&token, &Default::default()).map(drop));
    inspected.unwrap();
    assert!(
        peak < 80 * token.len(),
        "inspect: {peak} bytes for {}",
        token.len()
    );
    let huge = format!("e30.{}.c2ln", "e30".repeat(1 << 20));
    let (refused, peak) = peak_of(|| hcjwt::dangerous::decode(&huge).map(drop));
    assert_eq!(refused.unwrap_err().kind(), ErrorKind::TokenTooLarge);
    assert!(peak < 4096, "refused before decoding: {peak} bytes");
}

#[test]
fn the_errors_of_a_huge_invalid_document_stay_bounded() {
    let _serial = serial();
    let text = format!("{{\"user_fields\":{}}}", empty_objects(1 << 20));
    let (error, peak) = peak_of(|| FieldCatalog::from_json(text.as_bytes()).unwrap_err());
    let errors = error.field_errors().unwrap();
    assert_eq!(
        errors.len(),
        limits::MAX_REPORTED_FIELDS + 1,
        "the note under base"
    );
    let note = errors.get("base").unwrap().last().unwrap();
    assert!(
        note.ends_with("more problems not listed (MAX_REPORTED_FIELDS)"),
        "{note}"
    );
    assert!(peak < 60 * text.len(), "{peak} bytes for {}", text.len());
    let claims = format!("{{\"custom_claims\":{}}}", empty_objects(1 << 20));
    let (error, peak) = peak_of(|| ClaimSets::from_json(claims.as_bytes()).unwrap_err());
    assert_eq!(
        error.field_errors().unwrap().len(),
        limits::MAX_REPORTED_FIELDS + 1
    );
    assert!(
        peak < 60 * claims.len(),
        "{peak} bytes for {}",
        claims.len()
    );
}

#[test]
fn sixteen_thousand_fields_and_twenty_thousand_claims_load() {
    let _serial = serial();
    let fields: Vec<serde_json::Value> = (1..=16_000)
        .map(|id| {
            serde_json::json!({
                "id": id, "key": format!("field_{id}"), "title": format!("Field {id}"),
                "type": "dropdown", "position": 16_000 - id,
                "custom_field_options": [
                    {"id": id * 10, "name": "A", "value": format!("a_{id}")},
                    {"id": id * 10 + 1, "name": "B", "value": format!("b_{id}")}
                ]
            })
        })
        .collect();
    let document = serde_json::json!({ "user_fields": fields }).to_string();
    let catalog = FieldCatalog::from_json(document.as_bytes()).unwrap();
    assert_eq!(catalog.len(), 16_000);
    assert_eq!(
        catalog.fields().next().unwrap().key,
        "field_16000",
        "position order"
    );
    assert_eq!(catalog.get("field_7").unwrap().id, Some(7));
    let claims: Vec<serde_json::Value> = (0..20_000)
        .map(|index| {
            serde_json::json!({
                "id": format!("01H{index:023}"), "account_id": 1, "brand_id": index / 5,
                "claim_identifier": format!("c{}", index % 5), "claim_value": "v",
                "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"
            })
        })
        .collect();
    let document = serde_json::json!({ "custom_claims": claims }).to_string();
    let sets = ClaimSets::from_json(document.as_bytes()).unwrap();
    assert_eq!(sets.sets().len(), 4_000);
    assert!(sets.sets().iter().all(|set| set.len() == 5));
}
