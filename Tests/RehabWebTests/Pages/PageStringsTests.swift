import Foundation
import RehabCore
import Testing

@testable import RehabWeb

/// The page words: one table per language with exactly the same keys and placeholders, loaded once at start-up.
struct PageStringsTests {
    let strings = PageStrings.bundled

    @Test func theTablesHaveExactlyTheSameKeys() {
        let english = Set(strings.table(.english).keys)
        #expect(english.count > 100)
        for language in Language.allCases {
            #expect(Set(strings.table(language).keys) == english, "\(language.rawValue).yaml")
        }
        #expect(strings.problems().isEmpty)
    }

    @Test func everySpanishTextIsItsOwn() {
        let (english, spanish) = (strings.table(.english), strings.table(.spanish))
        // Only a word that is the same in both languages may repeat ("No").
        let same = english.keys.filter { english[$0] == spanish[$0] }
        #expect(same.sorted() == ["chart_day_none", "checkin_no"])
    }

    @Test func placeholdersAreFilledAndAMissingKeyShowsItself() {
        let words = strings.words(.spanish)
        #expect(words("exercise_progress", ["number": "2", "total": "5"]) == "Ejercicio 2 de 5")
        #expect(words["no-such-key"] == "no-such-key")
    }

    @Test func tablesThatDisagreeStopTheStart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strings-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "a: One\nb: Two {n}\n".write(
            to: directory.appendingPathComponent("en.yaml"), atomically: true, encoding: .utf8)
        try "a: Uno\n".write(to: directory.appendingPathComponent("es.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: WebStartupError.self) { try PageStrings.load(from: directory) }
        try "a: Uno\nb: Dos {m}\n".write(
            to: directory.appendingPathComponent("es.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: WebStartupError.self) { try PageStrings.load(from: directory) }
        try "a: Uno\nb: Dos {n}\n".write(
            to: directory.appendingPathComponent("es.yaml"), atomically: true, encoding: .utf8)
        #expect(try PageStrings.load(from: directory).text("b", .spanish, ["n": "2"]) == "Dos 2")
    }

    @Test func anErrorSpeaksThePatientsLanguage() {
        #expect(strings.message(of: .notFound, .english) == WebError.notFound.message)
        #expect(strings.message(of: .notFound, .spanish) == "Aquí no hay nada.")
        #expect(strings.message(of: .badCSRF, .spanish).hasPrefix("Este formulario está caducado"))
        #expect(strings.message(of: .invalid("email", "is empty"), .spanish) == "Escriba su correo electrónico.")
        #expect(strings.message(of: .invalid("other", "is wrong"), .spanish).hasPrefix("Algo del formulario"))
    }
}
