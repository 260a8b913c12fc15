import ArgumentParser
import Foundation
import RehabCore

/// `kneerehab score INSTRUMENT ANSWERS.json`: scores one questionnaire.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Scores a questionnaire (nprs, koos, koos-jr, lefs, ikdc) from a JSON object of answers.",
        discussion: """
            ANSWERS.json is an object of item id → whole number (null = unanswered), e.g. {"pain": 4} for nprs or \
            {"1": 1, "2": 0, …} for koos-jr. Use - to read standard input. See docs/questionnaires.md for item ids.
            """
    )

    @Argument(help: "The instrument: nprs, koos, koos-jr, lefs or ikdc.")
    var instrument: String

    @Argument(help: "The answers file (JSON), or - for standard input.")
    var answers: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var catalog: CatalogOptions

    func run() throws {
        guard let instrument = Instrument(rawValue: instrument) else {
            let names = Instrument.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(field: "instrument", problem: "must be one of \(names)")
        }
        let questionnaires = try catalog.questionnaires()
        let data = try CommandIO.read(answers, argument: "answers")
        let decoded = try CommandIO.decode(QuestionnaireAnswers.self, from: data, root: "answers")
        let score: QuestionnaireScore
        do {
            score = try questionnaires.score(instrument, answers: decoded)
        } catch {
            throw InputError(error)
        }
        switch format {
        case .json: try CommandIO.printJSON(score)
        case .text: print(Self.text(score))
        }
    }

    /// The short printout: the instrument's name, then one line per scale.
    static func text(_ score: QuestionnaireScore) -> String {
        var lines = [score.instrument.title]
        func row(_ label: String, _ value: String) {
            lines.append("  " + label.padding(toLength: 22, withPad: " ", startingAt: 0) + value)
        }
        switch score {
        case .nprs(let result):
            row("Pain", "\(result.score) / 10 (0 = no pain)")
        case .koos(let result):
            for subscale in KOOS.Subscale.allCases {
                let answered = result.answered[subscale] ?? 0
                row(
                    subscale.title,
                    result[subscale].map { "\(number($0)) / 100" }
                        ?? "not scored (\(answered) of \(subscale.itemCount) answered, needs \(subscale.minimumAnswered))"
                )
            }
            lines.append("  (100 = no problems)")
        case .koosJR(let result):
            row("Score", "\(String(format: "%.3f", result.score)) / 100 (100 = best)")
            row("Raw sum", "\(result.raw) / 28")
        case .lefs(let result):
            row("Score", "\(result.score) / \(LEFS.maximum) (\(number(result.percentOfMaximum))% of full function)")
        case .ikdc(let result):
            row("Score", "\(number(result.score)) / 100 (\(result.answered) of \(IKDC.scoredItemCount) items answered)")
        }
        return lines.joined(separator: "\n")
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
