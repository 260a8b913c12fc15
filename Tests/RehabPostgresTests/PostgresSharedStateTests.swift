import Foundation
import RehabCore
import RehabPostgres
import Testing

/// What instances on one database share: failed sign-ins, job locks and news (LISTEN/NOTIFY), each seen from two
/// stores (two instances) on the same database.
struct PostgresSharedStateTests {
    @Test(arguments: TestDatabase.urls)
    func failuresAreCountedForEveryInstanceAndForgottenOutsideTheWindow(_ url: String) async throws {
        try await TestDatabase.withFreshStore(url) { (first: PostgresStore, freshURL: String) async throws in
            try await PostgresStore.withStore(url: freshURL) { second in
                let start = Date(timeIntervalSince1970: 1_800_000_000)
                for (index, store) in [first, second, first].enumerated() {
                    try await store.recordSignInFailure(
                        keys: ["pair:a", "address:a"], at: start.addingTimeInterval(Double(index)),
                        forgettingBefore: start.addingTimeInterval(-900))
                }
                let seen = try await second.signInFailures(keys: ["pair:a", "address:a", "pair:b"], since: start - 1)
                #expect(seen["pair:a"]?.count == 3 && seen["address:a"]?.count == 3 && seen["pair:b"] == nil)
                #expect(try await first.signInFailures(keys: ["pair:a"], since: start)["pair:a"]?.count == 2)

                try await second.clearSignInFailures(key: "pair:a")
                let cleared = try await first.signInFailures(keys: ["pair:a", "address:a"], since: start - 1)
                #expect(cleared["pair:a"] == nil && cleared["address:a"]?.count == 3)

                // A failure a window later forgets the old ones of every key.
                let later = start.addingTimeInterval(1000)
                try await first.recordSignInFailure(
                    keys: ["pair:c"], at: later, forgettingBefore: later.addingTimeInterval(-900))
                #expect(try await second.signInFailures(keys: ["address:a"], since: start - 1000).isEmpty)
            }
        }
    }

    @Test(arguments: TestDatabase.urls)
    func aJobRunsOnOneInstanceAtATime(_ url: String) async throws {
        try await TestDatabase.withFreshStore(url) { (first: PostgresStore, freshURL: String) async throws in
            try await PostgresStore.withStore(url: freshURL) { second in
                let inside = try await first.alone("sweep") {
                    // While the first instance runs the job, the second is turned away; another job is free.
                    let refused = try await second.alone("sweep") { true }
                    let other = try await second.alone("reminders") { true }
                    return (refused, other)
                }
                #expect(inside?.0 == nil)
                #expect(inside?.1 == true)
                #expect(try await second.alone("sweep") { 7 } == 7)
                // A failing job frees the lock all the same.
                await #expect(throws: StorageError.self) {
                    _ = try await first.alone("sweep") { () async throws -> Int in
                        throw StorageError(.invalid, "job")
                    }
                }
                #expect(try await second.alone("sweep") { 8 } == 8)
            }
        }
    }

    @Test(arguments: TestDatabase.urls)
    func newsReachesTheOtherInstanceAndEndedSignInsAreAnnounced(_ url: String) async throws {
        try await TestDatabase.withFreshStore(url) { (first: PostgresStore, freshURL: String) async throws in
            try await PostgresStore.withStore(url: freshURL) { second in
                let (heard, hear) = AsyncStream.makeStream(of: ServerNews?.self)
                let listener = Task {
                    await second.listen(listening: { hear.yield(nil) }, receive: { hear.yield($0) })
                }
                defer { listener.cancel() }
                var news = heard.makeAsyncIterator()
                #expect(await news.next() == .some(nil))  // listening

                try await first.announce(.wrote(instance: "one"))
                #expect(await news.next() == .wrote(instance: "one"))

                let account = try await first.createAccount(
                    NewAccount(role: .clinician, email: "c-\(UUID())@clinic.test", name: "Dr C", passwordHash: "h"),
                    by: AuditActor(.system, origin: "test", at: Date()))
                let now = Date()
                for (hash, expires) in [("live", now + 3600), ("stale", now - 60)] {
                    try await first.createSignIn(
                        SignInToken(
                            tokenHash: hash, accountID: account.id, expiresAt: expires, formToken: "f", createdAt: now))
                }
                try await first.deleteSignIn(tokenHash: "live")
                #expect(await news.next() == .signInEnded(tokenHash: "live"))
                // A sign-in that had expired anyway is swept without news: the next news is the marker.
                #expect(try await first.deleteExpiredSignIns(now: now) == 1)
                try await first.announce(.wrote(instance: "marker"))
                #expect(await news.next() == .wrote(instance: "marker"))
            }
        }
    }

    @Test func newsLinesReadBack() {
        for news in [ServerNews.signInEnded(tokenHash: "ab12"), .wrote(instance: "x-1")] {
            #expect(ServerNews(line: news.line) == news)
        }
        #expect(ServerNews(line: "wrote") == nil)
        #expect(ServerNews(line: "other thing") == nil)
    }
}
