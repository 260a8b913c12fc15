/// One daily check-in: how the knee and the patient are today, and the red-flag questions.
///
/// Every answer but the date is optional, so a short check-in stored in a patient record (date, morning pain,
/// swelling) and the full red-flag questionnaire share one shape.
public struct CheckIn: Codable, Hashable, Sendable {
    /// The day the check-in describes.
    public var date: CalendarDate
    /// Pain at rest, 0–10.
    public var painAtRest: Int?
    /// Pain on waking, 0–10: the "next morning" signal of the pain-monitoring model.
    public var painMorning: Int?
    /// Patient-reported swelling.
    public var swelling: Swelling?
    /// Body temperature in degrees Celsius, when measured.
    public var temperatureCelsius: Double?
    /// Redness spreading around the wound.
    public var woundRedness: Bool?
    /// Fluid leaking from the wound.
    public var woundDrainage: Bool?
    /// Pain, tenderness or swelling in the calf (possible clot).
    public var calfPainOrSwelling: Bool?
    /// Chest pain or breathlessness (possible clot in the lung).
    public var chestPainOrBreathless: Bool?
    /// The knee gave way.
    public var giveWay: Bool?
    /// The knee is stuck and will not straighten or bend.
    public var kneeLocked: Bool?
    /// The foot is numb, pale or cold.
    public var footNumbOrCold: Bool?

    /// Makes a check-in; unanswered questions stay nil.
    public init(
        date: CalendarDate, painAtRest: Int? = nil, painMorning: Int? = nil, swelling: Swelling? = nil,
        temperatureCelsius: Double? = nil, woundRedness: Bool? = nil, woundDrainage: Bool? = nil,
        calfPainOrSwelling: Bool? = nil, chestPainOrBreathless: Bool? = nil, giveWay: Bool? = nil,
        kneeLocked: Bool? = nil, footNumbOrCold: Bool? = nil
    ) {
        self.date = date
        self.painAtRest = painAtRest
        self.painMorning = painMorning
        self.swelling = swelling
        self.temperatureCelsius = temperatureCelsius
        self.woundRedness = woundRedness
        self.woundDrainage = woundDrainage
        self.calfPainOrSwelling = calfPainOrSwelling
        self.chestPainOrBreathless = chestPainOrBreathless
        self.giveWay = giveWay
        self.kneeLocked = kneeLocked
        self.footNumbOrCold = footNumbOrCold
    }

    /// Checks ranges and returns the first problem, naming the field under `path`.
    public func validate(path: String = "checkIn") throws(InvalidInput) {
        for (name, value) in [("painAtRest", painAtRest), ("painMorning", painMorning)] {
            if let value, !(0...10).contains(value) {
                throw InvalidInput(field: "\(path).\(name)", problem: "\(value) is outside 0–10")
            }
        }
        if let t = temperatureCelsius, !(30.0...45.0).contains(t) || t.isNaN {
            throw InvalidInput(
                field: "\(path).temperatureCelsius", problem: "\(t) is not a body temperature in °C (30–45)")
        }
    }
}
