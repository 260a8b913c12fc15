import RehabCore
import Testing

/// A language from a code, the browser's preference from `Accept-Language`, and the order of choice.
struct LanguageTests {
    @Test(arguments: [
        ("es", Language.spanish), ("es-MX", .spanish), ("ES_es", .spanish), (" en-GB ", .english), ("en", .english),
    ])
    func codesNameTheirLanguage(_ example: (String, Language)) {
        #expect(Language(code: example.0) == example.1)
    }

    @Test(arguments: ["fr", "", "-", "e", "esp", "x-es"])
    func otherCodesNameNone(_ code: String) {
        #expect(Language(code: code) == nil)
    }

    @Test(arguments: [
        ("es-MX,es;q=0.9,en;q=0.8", Language.spanish),
        ("en-US,en;q=0.9,es;q=0.8", .english),
        ("fr-FR,fr;q=0.9,es;q=0.7,en;q=0.5", .spanish),
        ("en;q=0.4, es;q=0.6", .spanish),
        ("es;q=0, en", .english),
        ("de, *;q=0.1", .english),
        ("es;q=0.5, en;q=0.5", .spanish),
        ("es;Q=1.0", .spanish),
        ("es;q=2, en;q=0.3", .english),
    ])
    func theBrowsersPreferenceWeighsQValues(_ example: (String, Language)) {
        #expect(Language.preferred(acceptLanguage: example.0) == example.1)
    }

    @Test(arguments: ["", "fr, de;q=0.8", "es;q=0", "   ,;q=1"])
    func aHeaderWithNoneOfOursPrefersNone(_ header: String) {
        #expect(Language.preferred(acceptLanguage: header) == nil)
    }

    @Test func theChoiceWinsThenTheBrowserThenEnglish() {
        #expect(Language.resolve(chosen: .english, acceptLanguage: "es") == .english)
        #expect(Language.resolve(chosen: .spanish, acceptLanguage: "en") == .spanish)
        #expect(Language.resolve(chosen: nil, acceptLanguage: "es-AR") == .spanish)
        #expect(Language.resolve(chosen: nil, acceptLanguage: nil) == .english)
        #expect(Language.resolve(chosen: nil, acceptLanguage: "ja") == .english)
    }
}
