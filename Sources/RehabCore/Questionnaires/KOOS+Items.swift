extension KOOS {
    /// All 42 items in form order (symptoms, pain, daily living, sport, quality of life), answered 0–4 with
    /// 0 = no problem.
    ///
    /// Labels are our own short descriptions of what each item asks about, not the form's wording.
    public static let items: [QuestionnaireItem] =
        labelled(.symptoms, symptomLabels) + labelled(.pain, painLabels) + labelled(.adl, adlLabels)
        + labelled(.sport, sportLabels) + labelled(.qol, qualityLabels)

    private static func labelled(_ subscale: Subscale, _ labels: [String]) -> [QuestionnaireItem] {
        precondition(labels.count == subscale.itemCount, "KOOS \(subscale) needs \(subscale.itemCount) labels")
        return zip(subscale.itemIDs, labels).map { id, label in
            QuestionnaireItem(id: id, label: label, range: 0...4, zeroMeans: .best, scale: subscale.rawValue)
        }
    }

    private static let symptomLabels = [
        "Swelling of the knee",
        "Grinding, clicking or other noises from the knee",
        "The knee catching or hanging up as it moves",
        "Trouble straightening the knee all the way",
        "Trouble bending the knee all the way",
        "Stiffness when you first get up in the morning",
        "Stiffness later in the day after sitting or lying",
    ]

    private static let painLabels = [
        "How often the knee hurts",
        "Pain when twisting or pivoting on the knee",
        "Pain when straightening the knee fully",
        "Pain when bending the knee fully",
        "Pain when walking on level ground",
        "Pain on stairs, up or down",
        "Pain in bed at night",
        "Pain while sitting or lying down",
        "Pain while standing up straight",
    ]

    private static let adlLabels = [
        "Difficulty going down stairs",
        "Difficulty going up stairs",
        "Difficulty getting up from a chair",
        "Difficulty standing",
        "Difficulty bending down to pick something up",
        "Difficulty walking on level ground",
        "Difficulty getting into or out of a car",
        "Difficulty doing the shopping",
        "Difficulty putting socks on",
        "Difficulty getting out of bed",
        "Difficulty taking socks off",
        "Difficulty lying in bed and turning over",
        "Difficulty getting into or out of the bath",
        "Difficulty sitting",
        "Difficulty getting on or off the toilet",
        "Difficulty with heavy housework",
        "Difficulty with light housework",
    ]

    private static let sportLabels = [
        "Difficulty squatting",
        "Difficulty running",
        "Difficulty jumping",
        "Difficulty twisting or pivoting on the knee",
        "Difficulty kneeling",
    ]

    private static let qualityLabels = [
        "How often you are aware of your knee",
        "How much you have changed your life to protect the knee",
        "How much you are troubled by not trusting the knee",
        "How much difficulty the knee gives you overall",
    ]
}
