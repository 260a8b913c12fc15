import Foundation
import Hummingbird
import RehabCore

/// Stopping reminders from the mail, without signing in: the link opens a page with one button (mail scanners
/// that open links change nothing), and a mail program's one-click POST (RFC 8058) stops them at once.
struct ReminderStopPages {
    let context: PageContext

    struct Page {
        let chrome: Chrome
        let token: String
        let stopped: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let links = ReminderLinks(store: context.services.store)
        router.get("reminders/stop/:token") { _, requestContext in
            let token = requestContext.parameters.get("token") ?? ""
            guard try await links.patient(of: token) != nil else { throw WebError.notFound }
            return context.pages.page(
                "reminders-stop", Page(chrome: context.chrome("Stop reminders", nil), token: token, stopped: false))
        }
        router.post("reminders/stop/:token") { _, requestContext in
            let token = requestContext.parameters.get("token") ?? ""
            guard let patient = try await links.patient(of: token) else { throw WebError.notFound }
            try await context.services.setMailReminders(
                false, for: patient, timeZone: context.configuration.timeZone.identifier,
                by: AuditActor(.system, origin: "reminder-link", at: context.configuration.now()))
            return context.pages.page(
                "reminders-stop", Page(chrome: context.chrome("Reminders stopped", nil), token: token, stopped: true))
        }
    }
}
