import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// glibc's malloc controls, looked up at run time because Swift's Glibc module does not import `<malloc.h>`.
public enum MallocTuning {
    /// One malloc arena instead of eight per core: the server's event-loop, writer and reader threads otherwise
    /// each keep freed memory in an arena of their own. It only limits arenas made after it, so `main` calls it
    /// before anything else runs; `MALLOC_ARENA_MAX` in the environment still wins.
    public static func limitArenas() {
        #if canImport(Glibc)
            guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil,
                let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")
            else { return }
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
            _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 1)
        #endif
    }

    /// Hands the heap's free pages back to the system (`malloc_trim(0)`), so one large request does not leave the
    /// server's resident size high for good.
    public static func returnFreeMemory() {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            typealias MallocTrim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
