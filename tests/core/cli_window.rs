//! Starting the window where there is no display: one clear line, not a winit error.

use assert_cmd::Command;

#[test]
fn without_a_display_the_window_says_so_in_one_line() {
    let out = Command::cargo_bin("stocktake")
        .unwrap()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no display found"), "{stderr}");
    assert!(stderr.contains("subcommands work without one"), "{stderr}");
    assert!(!stderr.contains("winit") && !stderr.contains(".cargo"), "{stderr}");
}
