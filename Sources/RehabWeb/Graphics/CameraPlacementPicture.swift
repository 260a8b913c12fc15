import RehabMotion

/// Where to put the phone, drawn from above: the patient facing right, the phone about 2 metres away at their side
/// (for a side view) or straight in front (for a front view). The sentence is the picture's text alternative; the
/// labels and the sentence are in the reader's language.
enum CameraPlacementPicture {
    static func svg(_ placement: CameraPlacement, words: Words) -> String {
        let front = placement.view == .front
        // The patient at (90, 110) facing right; the phone in front (to the right) or at the side (below).
        let phone = front ? (x: 300.0, y: 110.0) : (x: 90.0, y: 215.0)
        let lineEnd = front ? (x: 282.0, y: 110.0) : (x: 90.0, y: 197.0)
        let label = front ? (x: 195.0, y: 96.0) : (x: 104.0, y: 172.0)
        let anchor = front ? "middle" : "start"
        let (text, outline, data) = (Charts.textColour, Charts.outlineColour, Charts.dataColour)
        let font = "font-family=\"system-ui, sans-serif\" font-size=\"18\" fill=\"\(text)\""
        let phoneShape =
            front
            ? "<rect x=\"\(phone.x - 10)\" y=\"\(phone.y - 22)\" width=\"20\" height=\"44\" rx=\"4\" fill=\"\(data)\"/>"
            : "<rect x=\"\(phone.x - 22)\" y=\"\(phone.y - 10)\" width=\"44\" height=\"20\" rx=\"4\" fill=\"\(data)\"/>"
        let phoneWord = SVGText.escape(words["camera_picture_phone"])
        let phoneLabel =
            front
            ? "<text x=\"\(phone.x)\" y=\"\(phone.y + 44)\" text-anchor=\"middle\" \(font)>\(phoneWord)</text>"
            : "<text x=\"\(phone.x + 32)\" y=\"\(phone.y + 6)\" \(font)>\(phoneWord)</text>"
        let title = SVGText.escape(MotionWords(words: words).placement(placement))
        return """
            <svg class="placement" viewBox="0 0 360 250" role="img" aria-labelledby="place-\(placement.exercise.rawValue)" \
            xmlns="http://www.w3.org/2000/svg"><title id="place-\(placement.exercise.rawValue)">\(title)</title>\
            <ellipse cx="90" cy="110" rx="22" ry="46" fill="none" stroke="\(outline)" stroke-width="4"/>\
            <circle cx="90" cy="110" r="16" fill="\(outline)"/>\
            <path d="M112 110 l14 -8 v16 z" fill="\(outline)"/>\
            <text x="90" y="40" text-anchor="middle" \(font)>\(SVGText.escape(words["camera_picture_you"]))</text>\
            <line x1="\(front ? 130 : 90)" y1="\(front ? 110 : 160)" x2="\(lineEnd.x)" y2="\(lineEnd.y)" \
            stroke="\(outline)" stroke-width="3" stroke-dasharray="8 6"/>\
            <text x="\(label.x)" y="\(label.y)" text-anchor="\(anchor)" \(font)>\(SVGText.escape(words["camera_picture_distance"]))</text>\
            \(phoneShape)\(phoneLabel)</svg>
            """
    }
}
