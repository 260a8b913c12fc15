import Foundation
import RehabCore

/// How a mail's outcome is stored, the same in both engines: the new state, the next due time for a retry, the
/// server's receipt and the failure's short reason.
package enum MailOutcomeColumns {
    /// The columns to set for `outcome`.
    package static func of(_ outcome: MailOutcome) -> (
        state: MailState, due: Date?, receipt: String?, error: String?
    ) {
        switch outcome {
        case .sent(let receipt): (.sent, nil, receipt, nil)
        case .retry(let at, let reason): (.pending, at, nil, reason)
        case .failed(let reason): (.failed, nil, nil, reason)
        case .skipped(let reason): (.skipped, nil, nil, reason)
        }
    }
}
