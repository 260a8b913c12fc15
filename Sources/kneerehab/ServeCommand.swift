import ArgumentParser
import Foundation
import Logging
import Metrics
import NIOCore
import NIOPosix
import Prometheus
import RehabCore
import RehabMail
import RehabSQLite
import RehabStorageKit
import RehabWeb
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `kneerehab serve`: the web app and API on SQLite (default) or PostgreSQL, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web app and API.",
        discussion: """
            With --demo, loads a demo clinic (a clinician, an admin and six patients, every password public) into an \
            empty database and prints the sign-ins.
            """)

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(
        help: """
            Listen on this Unix socket instead of the host and port, for a proxy on the same machine. The socket \
            file's permissions decide who may connect, so the X-Forwarded-For header of its connections is trusted.
            """)
    var socket: String?
    @Flag(help: "Load the demo clinic and print its sign-ins.") var demo = false
    @Flag(help: "Mark cookies Secure (set this when the app is served over HTTPS, e.g. behind a proxy).")
    var secureCookies = false
    @Option(
        help: """
            The address of a proxy in front of the app (repeat for several): its X-Forwarded-For header names the \
            client, for the sign-in throttle and the audit trail. Any other sender's header is ignored.
            """)
    var trustedProxy: [String] = []
    @Option(
        help: """
            How many decoded history entries (sessions, check-ins, measurements, prescriptions) the store keeps \
            between writes; 0 keeps none.
            """)
    var recordCache = RecordCacheDefaults.entries
    @Option(
        help: """
            A Python that has the pose worker's packages (tools/pose-worker/README.md); turns on measuring from \
            phone videos. Without it the pages offer keypoint uploads only.
            """)
    var posePython: String?
    @Option(
        help: """
            Send alert notices and reminders through this SMTP server: smtp://HOST:PORT, with ?starttls=required, \
            smtps://, USER:PASSWORD@ and cafile=PATH as docs/mail.md describes. Without it nothing is mailed.
            """)
    var smtp: String?
    @Option(help: "The sender of mails, e.g. rehab@clinic.example (needed with --smtp).") var mailFrom: String?
    @Option(help: "The clinic's name, shown as the sender and at the end of mails.") var clinicName = "KneeRehab"
    @Option(
        help: """
            The address patients and clinicians open, for links in mails (default: http://HOST:PORT; needed with \
            --socket).
            """)
    var publicURL: String?
    @Option(help: "Minutes a clinician's or admin's sign-in lasts without use.") var idleMinutes = 15
    @Option(help: "Hours a clinician's or admin's sign-in lasts at most, however busy.") var sessionHours = 12
    @Option(help: "Hours a patient's sign-in lasts without use.") var patientIdleHours = 72
    @Option(help: "Days a patient's sign-in lasts at most.") var patientSessionDays = 30
    @Option(
        help: """
            A file holding a 32-byte key in base64 that seals second-factor secrets, kept outside the database \
            (default: a key kept in the database).
            """)
    var secondFactorKeyFile: String?
    @Option(
        help: """
            Threads that serve connections and talk to the database (default: one per core). With several \
            instances on one machine, give each the cores divided by the instances.
            """)
    var eventLoops: Int?
    @Flag(
        help: """
            Run the app's own work on those threads too, rather than on a pool of its own: fewer thread switches \
            per request, but long work (a large export, a video) holds up the connections of its thread meanwhile. \
            For several instances on one machine.
            """)
    var tasksOnEventLoops = false
    @OptionGroup var options: DatabaseOptions
    @OptionGroup var catalogOptions: CatalogOptions

    /// Sets up the threads `--event-loops` and `--tasks-on-event-loops` ask for. It must run before any Swift task
    /// or NIO thread starts, since NIO takes the count once and Swift's executor can be replaced only before use.
    func chooseThreads() throws {
        if let eventLoops {
            guard (1...256).contains(eventLoops) else {
                throw InputError(field: "--event-loops", problem: "must be 1 to 256")
            }
            NIOSingletons.groupLoopCountSuggestion = eventLoops
        }
        if tasksOnEventLoops,
            !NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        {
            throw InputError(field: "--tasks-on-event-loops", problem: "is not supported by this system")
        }
    }

    func run() async throws {
        for (field, value, range) in [
            ("--idle-minutes", idleMinutes, 2...1440), ("--session-hours", sessionHours, 1...720),
            ("--patient-idle-hours", patientIdleHours, 1...8760),
            ("--patient-session-days", patientSessionDays, 1...365),
        ] where !range.contains(value) {
            throw InputError(field: field, problem: "must be \(range.lowerBound) to \(range.upperBound)")
        }
        guard (0...65_535).contains(port) else { throw InputError(field: "--port", problem: "must be 0 to 65535") }
        guard recordCache >= 0 else { throw InputError(field: "--record-cache", problem: "must be 0 or more") }
        if let proxy = trustedProxy.first(where: { !ForwardedAddress.isAddress($0) }) {
            throw InputError(field: "--trusted-proxy", problem: "\(proxy) is not an IP address")
        }
        let started = Date()
        let catalog = try catalogOptions.load()
        let questionnaires = try catalogOptions.questionnaires()
        // Every logger writes through one batched output, flushed every tenth of a second and when the server stops.
        let logOutput = LogOutput()
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, output: logOutput) }
        let flusher = Task { await logOutput.flushPeriodically() }
        defer {
            flusher.cancel()
            logOutput.flush()
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var logger = Logger(label: "kneerehab")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        var configured = WebConfiguration(
            host: host, port: port, secureCookies: secureCookies, sessionLifetime: TimeInterval(sessionHours) * 3600)
        configured.staffIdleTimeout = TimeInterval(idleMinutes) * 60
        configured.patientIdleTimeout = TimeInterval(patientIdleHours) * 3600
        configured.patientSessionLifetime = TimeInterval(patientSessionDays) * 86_400
        if let path = secondFactorKeyFile {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32
            else {
                throw InputError(field: "--second-factor-key-file", problem: "must hold a 32-byte key in base64")
            }
            configured.secondFactorKey = key
        }
        configured.trustedProxies = Set(trustedProxy)
        if let socket {
            guard !socket.isEmpty, socket.utf8.count < 108 else {
                throw InputError(field: "--socket", problem: "must be a file path under 108 bytes")
            }
            guard smtp == nil || publicURL != nil else {
                throw InputError(field: "--public-url", problem: "is needed with --smtp and --socket")
            }
            configured.socketPath = socket
            configured.trustedProxies.insert(ForwardedAddress.localSocket)
        }
        let web = configured
        let demo = self.demo
        let appLogger = logger
        let opened = try options.openForServer(recordCacheEntries: recordCache)
        let services = RehabServices(store: opened.store, catalog: catalog, questionnaires: questionnaires)
        // The demo clinic is loaded once the store's work runs (PostgreSQL's client) and before the server answers.
        let logins = Mutex<[DemoClinic.Login]>([])
        let prepare: @Sendable () async throws -> Void = {
            try await opened.migrate()
            if demo {
                let loaded = try await DemoClinic.load(into: services, today: web.today, now: web.now())
                logins.withLock { $0 = loaded }
            }
        }
        let videos = try posePython.map { python in
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw InputError(field: "--pose-python", problem: "is not an executable file")
            }
            return try VideoAnalysis(worker: PoseWorker(python: python))
        }
        let mail = try mailSettings()
        let app = try await buildApplication(
            WebDependencies(
                services: services, configuration: web, metrics: registry, background: opened.background,
                prepare: prepare, videos: videos, mail: mail, shared: opened.shared),
            logger: appLogger,
            onServerRunning: { port in
                Self.announce(
                    at: web.socketPath.map { "the Unix socket \($0)" } ?? "http://\(web.host):\(port)/",
                    logins: logins.withLock { $0 }, since: started)
            })
        do {
            try await app.runService()
        } catch is DemoClinic.NotEmpty {
            throw InputError(
                field: "--demo",
                problem: "the database holds other accounts; the demo's passwords are public, so it needs an empty one")
        } catch let error as StorageError {
            throw InputError(storage: error)
        }
    }

    /// The mail settings the options ask for; nil without `--smtp`.
    private func mailSettings() throws -> MailSettings? {
        guard let smtp else {
            guard mailFrom == nil else { throw InputError(field: "--mail-from", problem: "needs --smtp") }
            return nil
        }
        guard let mailFrom else { throw InputError(field: "--mail-from", problem: "is needed with --smtp") }
        let from: MailAddress
        let client: SMTPClient
        do {
            from = try MailAddress(mailFrom, displayName: clinicName, field: "--mail-from")
        } catch {
            throw InputError(field: "--mail-from", problem: "is not a plain address like rehab@clinic.example")
        }
        do {
            client = try SMTPClient(configuration: SMTPConfiguration(url: smtp))
        } catch {
            throw InputError(field: "--smtp", problem: "is not usable: \(error.field) is wrong (see docs/mail.md)")
        }
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            throw InputError(field: "--public-url", problem: "must start with https:// or http://")
        }
        return MailSettings(transport: client, from: from, publicURL: publicURL ?? "http://\(host):\(port)")
    }

    private static func announce(at place: String, logins: [DemoClinic.Login], since: Date) {
        var lines = ["KneeRehab is running at \(place)"]
        if !logins.isEmpty {
            lines.append("Demo sign-ins (password for all: \(DemoClinic.password)):")
            lines += logins.map {
                "  \($0.role.padding(toLength: 9, withPad: " ", startingAt: 0)) \($0.email)  — \($0.story)"
            }
        }
        lines.append(String(format: "Ready in %.2f s. Stop with Ctrl-C.", Date().timeIntervalSince(since)))
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
