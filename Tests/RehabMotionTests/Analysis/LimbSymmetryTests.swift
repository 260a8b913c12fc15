import Foundation
import PropertyBased
import RehabMotion
import Testing

@Suite struct LimbSymmetryTests {
    static func result(_ fill: (inout MotionResult) -> Void) -> MotionResult {
        var result = MotionResult(exercise: .wallSquat, side: .left, frames: 100, durationSeconds: 3.3)
        fill(&result)
        return result
    }

    @Test func magnitudesAreComparedAsInvolvedOverUninvolved() throws {
        let involved = Self.result {
            $0.kneeFlexion = ValueRange(min: 0, max: 85)
            $0.balanceSeconds = 18
        }
        let uninvolved = Self.result {
            $0.kneeFlexion = ValueRange(min: 0, max: 100)
            $0.balanceSeconds = 20
        }
        let symmetry = LimbSymmetry.compare(involved: involved, uninvolved: uninvolved)
        #expect(symmetry.involvedSide == .left)
        let flexion = try #require(symmetry.measures.first { $0.measure == "kneeFlexion.max" })
        #expect(flexion.lsiPercent == 85 && flexion.flagged)  // under the 90 % criterion
        let balance = try #require(symmetry.measures.first { $0.measure == "balanceSeconds" })
        #expect(balance.lsiPercent == 90 && !balance.flagged)  // exactly 90 % passes
        #expect(balance.difference == nil)
    }

    @Test(arguments: [
        ("valgusDegrees", 14.0, 5.0, true),  // 9° apart: beyond the 8.5° FPPA MDC
        ("valgusDegrees", 12, 5, false),
        ("extensionDegrees", 8, 1, true),  // 7° beyond the 6° sagittal MDC
        ("hipDropDegrees", 4, 0, false),  // under the 5° heuristic
    ])
    func anglesNearZeroAreComparedAsDifferences(measure: String, involved: Double, uninvolved: Double, flagged: Bool)
        throws
    {
        func fill(_ value: Double) -> MotionResult {
            Self.result {
                switch measure {
                case "valgusDegrees": $0.valgusDegrees = value
                case "extensionDegrees": $0.extensionDegrees = value
                default: $0.hipDropDegrees = value
                }
            }
        }
        let symmetry = LimbSymmetry.compare(involved: fill(involved), uninvolved: fill(uninvolved))
        let compared = try #require(symmetry.measures.first { $0.measure == measure })
        #expect(compared.difference == involved - uninvolved)
        #expect(compared.lsiPercent == nil)
        #expect(compared.flagged == flagged)
    }

    @Test func measuresMissingOnEitherSideOrZeroAreLeftOut() {
        let involved = Self.result {
            $0.reps = 8
            $0.holdSeconds = 20
        }
        let uninvolved = Self.result {
            $0.reps = 0
            $0.valgusDegrees = 3
        }
        #expect(LimbSymmetry.compare(involved: involved, uninvolved: uninvolved).measures.isEmpty)
    }

    @Test func equalLegsAreSymmetricAndNeverFlagged() async {
        await propertyCheck(input: Gen.double(in: 0.1...200), Gen.int(in: 1...30)) { value, reps in
            let leg = Self.result {
                $0.holdSeconds = value
                $0.reps = reps
                $0.valgusDegrees = value / 10
            }
            let symmetry = LimbSymmetry.compare(involved: leg, uninvolved: leg)
            #expect(symmetry.measures.count == 3)
            #expect(symmetry.measures.allSatisfy { !$0.flagged && ($0.lsiPercent ?? 100) == 100 })
        }
    }
}
