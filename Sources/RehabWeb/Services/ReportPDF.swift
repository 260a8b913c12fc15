import Foundation
import RehabChildProcess

/// The progress report as PDF: the same page printed by headless Chromium, when one is installed (found on the
/// PATH at start-up). Without it the PDF routes answer 503 and the HTML report still works.
struct ReportPDF: Sendable {
    /// The browser binary, when one was found.
    let browser: URL?

    /// Looks for Chromium on the PATH.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> ReportPDF {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "headless_shell"] {
            for folder in folders {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: path.path) { return ReportPDF(browser: path) }
            }
        }
        return ReportPDF(browser: nil)
    }

    /// The page's own stylesheet, put inline so the file the browser prints needs nothing from the server.
    static let stylesheet: String = {
        guard let url = Bundle.module.url(forResource: "public", withExtension: nil)?.appendingPathComponent("app.css"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()

    /// Prints `html` (a whole page from the templates) to PDF. The page and the PDF live in a private folder that
    /// is removed afterwards.
    func render(_ html: String) async throws -> Data {
        guard let browser else {
            throw WebError(
                .serviceUnavailable, code: "pdf-unavailable",
                message: "PDF reports need Chromium on the server; the HTML report works without it.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kneerehab-report-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let pdf = folder.appendingPathComponent("report.pdf")
        let standalone = html.replacingOccurrences(
            of: "<link rel=\"stylesheet\" href=\"/static/app.css\">", with: "<style>\(Self.stylesheet)</style>"
        ).replacingOccurrences(of: "<script src=\"/static/app.js\" defer></script>", with: "")
        try Data(standalone.utf8).write(to: page)
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder.path)",
            "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ]
        let printed = try? await ChildProcess.run(browser.path, arguments, errorOutput: .discarded)
        guard printed?.succeeded == true, let data = try? Data(contentsOf: pdf), data.starts(with: Data("%PDF".utf8))
        else {
            throw WebError(
                .serviceUnavailable, code: "pdf-failed", message: "The PDF could not be made this time; try again.")
        }
        return data
    }
}
