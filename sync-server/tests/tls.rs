use reqwest::blocking::Client;
use reqwest::Certificate;

use crate::util::{Harness, Server};

fn self_signed(h: &Harness) -> (String, std::path::PathBuf, std::path::PathBuf) {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .expect("a self-signed certificate");
    let (cert_path, key_path) = (h.path("cert.pem"), h.path("key.pem"));
    let cert_pem = certified.cert.pem();
    crate::util::write(&cert_path, &cert_pem);
    crate::util::write(&key_path, &certified.key_pair.serialize_pem());
    (cert_pem, cert_path, key_path)
}

#[test]
fn https_with_a_certificate_the_client_trusts() {
    let h = Harness::new();
    h.workspace("Alpha");
    h.user("kim", "Alpha", "editor");
    let (cert_pem, cert, key) = self_signed(&h);
    let trusting = Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(
            Certificate::from_pem(cert_pem.as_bytes()).expect("a PEM certificate"),
        )
        .build()
        .expect("a client");
    let data_dir = h.data_dir();
    let args = [
        "serve".as_ref(),
        "--listen".as_ref(),
        "127.0.0.1:0".as_ref(),
        "--data-dir".as_ref(),
        data_dir.as_os_str(),
        "--tls-cert".as_ref(),
        cert.as_os_str(),
        "--tls-key".as_ref(),
        key.as_os_str(),
    ];
    let server = Server::start(&args, trusting);
    assert!(
        server.url.starts_with("https://127.0.0.1:"),
        "{}",
        server.url
    );
    assert_eq!(
        server
            .get("/healthz")
            .send()
            .expect("answered over TLS")
            .status(),
        200
    );
    let token = server.login("kim");
    assert_eq!(
        server
            .get("/v1/workspaces")
            .bearer_auth(&token)
            .send()
            .expect("answered")
            .status(),
        200
    );

    // A client that does not trust the certificate gets no answer, and plain HTTP gets none.
    let untrusting = Client::builder()
        .tls_built_in_root_certs(false)
        .build()
        .expect("a client");
    assert!(untrusting
        .get(format!("{}/healthz", server.url))
        .send()
        .is_err());
    let plain = server.url.replacen("https://", "http://", 1);
    let plain_answer = reqwest::blocking::get(format!("{plain}/healthz"));
    assert!(plain_answer.map(|r| r.status() != 200).unwrap_or(true));
    assert_eq!(
        server
            .get("/healthz")
            .send()
            .expect("still serving")
            .status(),
        200
    );
    assert!(server.stop().success());
}

#[test]
fn a_bad_certificate_file_is_a_clear_startup_error() {
    let h = Harness::new();
    h.workspace("Alpha");
    let (cert, key) = (h.path("cert.pem"), h.path("key.pem"));
    crate::util::write(&cert, "not a certificate");
    crate::util::write(&key, "not a key");
    let output = std::process::Command::new(crate::util::BIN)
        .arg("serve")
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--data-dir")
        .arg(h.data_dir())
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&key)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: ") && stderr.contains("cert.pem"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "it never said it was listening");
}
