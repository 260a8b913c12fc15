import Foundation
import RehabCore
import Synchronization

/// This instance's part in the news between server instances on one database: it forgets ended sign-ins and
/// empties its clinician lists when told, and tells the others when it wrote.
///
/// Writes are announced without making the request wait: a write only raises a flag, and one announcement goes
/// out for all the writes since the last one, at most one per `announcementSpacing`. The others' lists then change
/// within that spacing and a round trip of a write (well inside the second the cluster promises), and a busy
/// instance sends a few notifications a second rather than one per write, each a transaction in PostgreSQL.
final class InstanceNews: Sendable {
    /// Names this instance in its announcements, so it ignores its own.
    let instance = UUID().uuidString
    private let channel: any ServerNewsChannel
    private let signedIn: SignedInCache
    private let lists: ClinicianListCache
    private let pending = Atomic<Bool>(false)
    private let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// The least time between two announcements of writes.
    static let announcementSpacing = Duration.milliseconds(250)

    init(channel: any ServerNewsChannel, signedIn: SignedInCache, lists: ClinicianListCache) {
        self.channel = channel
        self.signedIn = signedIn
        self.lists = lists
        (wakes, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Notes a write through this instance; the announcement follows.
    func wrote() {
        if !pending.exchange(true, ordering: .acquiringAndReleasing) { wake.yield() }
    }

    /// Listens to the others until cancelled.
    func listen() async {
        let (signedIn, lists, instance) = (self.signedIn, self.lists, self.instance)
        await channel.listen(
            listening: {
                signedIn.forgetAll()
                lists.invalidate()
            },
            receive: { news in
                switch news {
                case .signInEnded(let tokenHash): signedIn.forget(tokenHash: tokenHash)
                case .wrote(let writer): if writer != instance { lists.invalidate() }
                }
            })
    }

    /// Announces this instance's writes until cancelled.
    func announceWrites() async {
        for await _ in wakes {
            pending.store(false, ordering: .releasing)
            try? await channel.announce(.wrote(instance: instance))
            // Writes meanwhile raise the flag again and are announced together once the pause is over.
            do { try await Task.sleep(for: Self.announcementSpacing) } catch { return }
        }
    }
}
