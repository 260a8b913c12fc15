import Foundation
import Hummingbird
import Logging
import Prometheus
import RehabCore
import RehabMail

/// Everything the app is built from: the services (store, catalog, engine), the configuration and, when the
/// process bootstrapped metrics, the Prometheus registry that `/metrics` prints.
public struct WebDependencies: Sendable {
    /// The use cases over the store.
    public let services: RehabServices
    /// How to run.
    public let configuration: WebConfiguration
    /// The metrics registry, when metrics are on.
    public let metrics: PrometheusCollectorRegistry?
    /// The store's own background work (PostgreSQL's client, SQLite's checkpoints), run as services of the
    /// application.
    public let background: [BackgroundWork]
    /// What must happen once that work runs and before the server answers (a migration, the demo clinic).
    public let prepare: @Sendable () async throws -> Void
    /// Video analysis, when a pose worker is configured; it starts before the server answers, and without it the
    /// pages offer keypoint uploads only.
    public let videos: VideoAnalysis?
    /// The sender of alert notices and reminders, when mail is configured (`--smtp`); without it nothing is mailed.
    public let mail: OutboxSender?
    /// What this instance shares with the others on a PostgreSQL database; nil for one process alone (SQLite).
    public let shared: (any SharedServerState)?
    /// Who each token signed in, kept for a moment.
    let signedIn: SignedInCache
    /// Each clinician's list, kept for a moment.
    let listCache: ClinicianListCache
    /// The news between instances, when there are others.
    let news: InstanceNews?

    /// Bundles the dependencies.
    public init(
        services: RehabServices, configuration: WebConfiguration, metrics: PrometheusCollectorRegistry?,
        background: [BackgroundWork] = [], prepare: @escaping @Sendable () async throws -> Void = {},
        videos: VideoAnalysis? = nil, mail: MailSettings? = nil, shared: (any SharedServerState)? = nil
    ) {
        self.videos = videos
        self.shared = shared
        let (signedIn, listCache) = (SignedInCache(), ClinicianListCache())
        self.signedIn = signedIn
        self.listCache = listCache
        self.news = shared.map { InstanceNews(channel: $0, signedIn: signedIn, lists: listCache) }
        self.services = services
        var configuration = configuration
        configuration.mailConfigured = mail != nil
        self.mail = mail.map { settings in
            let notices = MailNotices(
                settings: settings, links: ReminderLinks(store: services.store), strings: .bundled,
                now: configuration.now)
            return OutboxSender(
                store: services.store, transport: settings.transport, compose: notices.compose,
                queueReminders: { now in
                    // One instance at a time; when another is at it, this minute's reminders are in hand.
                    guard let shared else {
                        _ = try await services.queueDueReminders(now: now)
                        return
                    }
                    _ = try await shared.alone("queue-reminders") { try await services.queueDueReminders(now: now) }
                }, now: configuration.now)
        }
        self.configuration = configuration
        self.metrics = metrics
        self.background = background
        self.prepare = prepare
    }
}

/// Builds the whole application; `kneerehab serve` and the tests call this one function.
public func buildApplication(
    _ dependencies: WebDependencies, logger: Logger = Logger(label: "kneerehab.web"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(dependencies, logger: logger)
    let configuration = dependencies.configuration
    let sweeper = SignInSweeper(
        store: dependencies.services.store, jobs: dependencies.shared, now: configuration.now,
        interval: .seconds(3600), logger: logger)
    let news: [BackgroundWork] =
        dependencies.news.map { news in
            [
                BackgroundWork(name: "instance-news") { await news.listen() },
                BackgroundWork(name: "write-news") { await news.announceWrites() },
            ]
        } ?? []
    var app = Application(
        responder: HeadAsGetResponder(inner: router.buildResponder()),
        server: .http1OnEventLoops(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout)))),
        configuration: .init(
            address: configuration.socketPath.map { .unixDomainSocket(path: $0) }
                ?? .hostname(configuration.host, port: configuration.port),
            serverName: "KneeRehab"),
        services: [sweeper] + dependencies.background + news
            + (dependencies.mail.map { sender in [BackgroundWork(name: "mail") { await sender.run() }] } ?? []),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    let videos = dependencies.videos
    app.beforeServerStarts {
        try await dependencies.prepare()
        if let videos {
            do {
                let version = try await videos.worker.start()
                logger.info("video analysis is on", metadata: ["mediapipe": "\(version)"])
            } catch {
                logger.warning("video analysis is off: the pose worker did not start")
            }
        }
    }
    return app
}

/// Builds the router: middleware, static files, the API and the pages.
public func buildRouter(_ dependencies: WebDependencies, logger: Logger) async throws -> Router<AppRequestContext> {
    let services = dependencies.services
    let configuration = dependencies.configuration
    let pages = try await PageRenderer.load(emergencyNumber: services.catalog.triage.emergencyNumber)
    let signedIn = dependencies.signedIn
    let signIn = SignIn(
        store: services.store, passwords: PasswordService(cost: configuration.passwordCost),
        throttle: SignInThrottle(
            limit: configuration.throttleLimit, window: configuration.throttleWindow, shared: dependencies.shared,
            logger: logger),
        signedIn: signedIn, configuration: configuration,
        secondFactors: SecondFactors(store: services.store, configuration: configuration))

    let listCache = dependencies.listCache
    let policy = services.worklistPolicy
    let list = ClinicianList(store: services.store, policy: policy, cache: listCache, now: configuration.now) {
        rows, alerts, unread in
        try JSONResponse.encoder.encode(
            rows.map {
                PatientListRow($0, openAlerts: alerts[$0.id] ?? [], unreadMessages: unread[$0.id] ?? 0, policy: policy)
            })
    }
    let router = Router(context: AppRequestContext.self)
    if !configuration.trustedProxies.isEmpty {
        router.add(middleware: ForwardedAddressMiddleware(trusted: configuration.trustedProxies))
    }
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(overTLS: configuration.secureCookies))
    router.add(middleware: ErrorMiddleware(pages: pages))
    router.add(middleware: MethodNotAllowedMiddleware(routes: APIRouteTable(openAPI: SystemController.openAPIDocument)))
    router.add(middleware: PageRedirectMiddleware())
    if let folder = Bundle.module.resourceURL?.appendingPathComponent("public").path {
        router.add(
            middleware: FileMiddleware(
                folder, urlBasePath: "/static", cacheControl: .init([(MediaType(type: .any), [.maxAge(3600)])]),
                logger: logger))
    }
    router.add(middleware: IdentityMiddleware(store: services.store, cache: signedIn, configuration: configuration))
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: ListCacheInvalidationMiddleware(cache: listCache, news: dependencies.news))
    if let sender = dependencies.mail { router.add(middleware: MailWakeMiddleware(sender: sender)) }

    SystemController(metrics: dependencies.metrics).addRoutes(to: router)
    let api = router.group("api/v1")
    AuthController(signIn: signIn).addRoutes(to: api)
    AccountCareController(signIn: signIn).addRoutes(to: api)
    SecondFactorRoutes(signIn: signIn).addRoutes(to: api)
    ClinicianController(services: services, configuration: configuration, list: list).addRoutes(to: api)
    PatientController(
        services: services, configuration: configuration, videos: dependencies.videos, signedIn: signedIn
    )
    .addRoutes(to: api)
    AdminController(services: services, configuration: configuration).addRoutes(to: api)
    MessageRoutes(services: services, configuration: configuration, list: list).addRoutes(to: api)
    AuditTrailRoutes.addRoutes(to: api, services: services, configuration: configuration)
    CalendarFeedRoutes(services: services, configuration: configuration).addRoutes(to: router)

    let context = PageContext(
        services: services, configuration: configuration, pages: pages, signIn: signIn, list: list,
        videos: dependencies.videos)
    AccountPages(context: context).addRoutes(to: router)
    ExerciseSessionPages(context: context).addRoutes(to: router)
    CheckInPages(context: context).addRoutes(to: router)
    QuestionnairePages(context: context).addRoutes(to: router)
    ProgressPages(context: context).addRoutes(to: router)
    ClinicPages(context: context).addRoutes(to: router)
    RecordingPages(context: context).addRoutes(to: router)
    AdminPages(context: context).addRoutes(to: router)
    SettingsPages(context: context).addRoutes(to: router)
    MessagePages(context: context).addRoutes(to: router)
    ReminderStopPages(context: context).addRoutes(to: router)
    AccountCarePages(context: context).addRoutes(to: router)
    SecondFactorPages(context: context).addRoutes(to: router)
    return router
}
