//! Gives libhcjwt.so its SONAME on Linux: `libhcjwt.so.MAJOR` from 1.0 on,
//! `libhcjwt.so.0.MINOR` before (each 0.x minor may change the ABI).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    let minor = env!("CARGO_PKG_VERSION_MINOR");
    let soname = if major == "0" {
        format!("libhcjwt.so.0.{minor}")
    } else {
        format!("libhcjwt.so.{major}")
    };
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
}
