import Foundation
import RehabChildProcess
import Testing

/// A self-signed certificate for `localhost` and 127.0.0.1, made once per test run with `openssl req -x509`.
struct TestCertificate: Sendable {
    /// The certificate, PEM.
    let certificate: String
    /// Its private key, PEM.
    let key: String

    /// The openssl command, when installed.
    static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The certificate for both names, made on first use.
    static let localhost = Task { try await make(subjectAltName: "DNS:localhost,IP:127.0.0.1") }
    /// A certificate that names only `localhost`, for the wrong-host test.
    static let nameOnly = Task { try await make(subjectAltName: "DNS:localhost") }

    private static func make(subjectAltName: String) async throws -> TestCertificate {
        let openssl = try #require(openssl)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kneerehab-cert-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let made = try await ChildProcess.run(
            openssl,
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-keyout", key, "-out", certificate, "-subj", "/CN=localhost", "-addext",
                "subjectAltName=\(subjectAltName)",
            ])
        try #require(made.succeeded, "\(made.errorOutput)")
        return TestCertificate(certificate: certificate, key: key)
    }

    /// The sink's options that serve this certificate.
    var sinkOptions: [String] { ["--tls-cert", certificate, "--tls-key", key] }
}
