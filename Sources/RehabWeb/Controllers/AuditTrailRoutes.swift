import Foundation
import Hummingbird
import RehabCore
import RehabInterop

/// The admin's audit trail: who read or changed which patient's data, filtered by patient, account, action and
/// dates, as JSON (`GET /api/v1/admin/audit`), CSV (`?as=csv`) and a page (`/admin/audit`, `/admin/audit.csv`).
enum AuditTrailRoutes {
    /// The most entries one answer holds; narrow the filters for more.
    static let maximumLimit = 5000

    /// One entry as the API shows it.
    struct EntryDocument: Encodable {
        let at: Date
        let action: String
        let accountId: AccountID?
        let accountName: String?
        let accountEmail: String?
        let accountRole: AccountRole?
        let patientId: PatientID?
        let patientName: String?
        let origin: String
        let subjectAccountId: AccountID?
        let subjectEmail: String?

        init(_ row: AuditTrailEntry) {
            at = row.entry.at
            action = row.entry.action.rawValue
            accountId = row.entry.accountID
            accountName = row.accountName
            accountEmail = row.accountEmail
            accountRole = row.accountRole
            patientId = row.entry.patientID
            patientName = row.patientName
            origin = row.entry.origin
            subjectAccountId = row.entry.subjectAccountID
            subjectEmail = row.subjectEmail
        }
    }

    /// The query the parameters ask for (`patient`, `account`, `action`, `from`, `to` as dates in the clinic's time
    /// zone, both days included, `limit`), or an error naming the parameter.
    static func query(_ parameters: [String: String], configuration: WebConfiguration) throws -> AuditQuery {
        func nonEmpty(_ name: String) -> String? { parameters[name].flatMap { $0.isEmpty ? nil : $0 } }
        var query = AuditQuery(limit: 500)
        if let text = nonEmpty("patient") {
            guard let id = PatientID(uuidString: text) else {
                throw WebError.invalid("patient", "must be a patient id")
            }
            query.patientID = id
        }
        if let text = nonEmpty("account") {
            guard let id = AccountID(uuidString: text) else {
                throw WebError.invalid("account", "must be an account id")
            }
            query.accountID = id
        }
        if let text = nonEmpty("action") {
            guard AuditAction.written.contains(AuditAction(rawValue: text)) else {
                throw WebError.invalid("action", "must be one of the audit actions")
            }
            query.action = AuditAction(rawValue: text)
        }
        let zone = configuration.timeZone.secondsFromGMT()
        func start(of name: String) throws -> Date? {
            guard let text = nonEmpty(name) else { return nil }
            guard let day = CalendarDate(iso: text) else { throw WebError.invalid(name, "must be a date YYYY-MM-DD") }
            return Date(timeIntervalSince1970: Double(day.dayNumber * 86_400 - zone))
        }
        query.from = try start(of: "from")
        query.until = try start(of: "to").map { $0.addingTimeInterval(86_400) }
        if let from = query.from, let until = query.until, until <= from {
            throw WebError.invalid("to", "must not be before from")
        }
        if let text = nonEmpty("limit") {
            guard let limit = Int(text), (1...maximumLimit).contains(limit) else {
                throw WebError.invalid("limit", "must be a whole number from 1 to \(maximumLimit)")
            }
            query.limit = limit
        }
        return query
    }

    /// The query string's parameters.
    static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for name in ["patient", "account", "action", "from", "to", "limit", "as"] {
            if let value = request.uri.queryParameters.get(name) { parameters[name] = value }
        }
        return parameters
    }

    /// The CSV download.
    static func csv(_ rows: [AuditTrailEntry], today: CalendarDate) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"audit-\(today).csv\""
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSVExport.auditTrail(rows))))
    }

    static func addRoutes(
        to group: RouterGroup<AppRequestContext>, services: RehabServices, configuration: WebConfiguration
    ) {
        group.get("admin/audit") { request, context in
            let identity = try context.requireAdmin()
            let parameters = parameters(request)
            let rows = try await services.store.auditTrail(
                try query(parameters, configuration: configuration),
                by: identity.actor(at: configuration.now(), origin: context.clientAddress))
            if parameters["as"] == "csv" { return csv(rows, today: configuration.today) }
            return JSONResponse.make(rows.map(EntryDocument.init))
        }
    }
}
