import Foundation
import RehabCore

/// One measurement on a line chart.
struct ChartPoint: Sendable {
    /// The day it was taken.
    let date: CalendarDate
    /// The value, in the chart's unit.
    let value: Double
}

/// Server-drawn SVG charts, each inside a `<figure>` with a caption and a table of the numbers as its text
/// alternative.
///
/// Meaning is never carried by colour alone: points are marked with shapes and every band or goal line is labelled
/// in words. Text is 22 units high in a 640-unit-wide picture, dark on white: about 12 CSS pixels where a phone
/// 390 pixels wide draws the chart some 350 pixels across.
enum Charts {
    /// Width of every chart's viewBox.
    static let width = 640.0
    /// Colour of text and axes (17:1 on white).
    static let textColour = "#1a1a1a"
    /// Colour of data lines and filled marks (9:1 on white).
    static let dataColour = "#0b4f8a"
    /// Colour of outlines of empty calendar days (7:1 on white).
    static let outlineColour = "#595959"
    /// Colour of grid lines; decorative only.
    static let gridColour = "#d0d0d0"
    /// Fill of the labelled good band; decorative, the band is also named in text.
    static let bandColour = "#dcefdc"
    /// Font attributes shared by every text element.
    static let font = "font-family=\"system-ui, sans-serif\" font-size=\"22\" fill=\"\(textColour)\""

    /// A generous average advance of a 22-unit sans-serif glyph, to estimate a label's width.
    static let averageGlyphWidth = 12.5

    /// The plot area of a line chart: left, top, right and bottom edges in SVG units.
    static let plot = (left: 80.0, top: 30.0, right: 610.0, bottom: 290.0)
    /// Height of a line chart's viewBox.
    static let lineHeight = 340.0

    /// A line chart over dates; returns an HTML fragment: <figure> holding the <svg role="img" aria-labelledby …>
    /// with <title>/<desc>, and a <details><summary>Show the numbers</summary><table>…</table></details> text
    /// alternative, and a <figcaption>.
    ///
    /// Values outside `yDomain` are drawn on its edge as a triangle pointing the way the value lies; the table keeps
    /// the true value. Points on the same day are all drawn and all listed.
    static func line(
        id: String, title: String, summary: String, points: [ChartPoint], yDomain: ClosedRange<Double>,
        unit: String, goal: Double? = nil, goodBand: ClosedRange<Double>? = nil
    ) -> String {
        let id = sanitizedID(id)
        guard !points.isEmpty else { return emptyFigure(id: id, title: title, summary: summary) }
        let sorted = points.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
        let first = sorted.first?.date ?? CalendarDate(dayNumber: 0)
        let last = sorted.last?.date ?? first
        let span = Double(first.days(until: last))
        /// The x of a date: first and last day 20 units inside the plot's edges, a lone day in the middle.
        func x(_ date: CalendarDate) -> Double {
            span == 0
                ? (plot.left + plot.right) / 2
                : plot.left + 20 + Double(first.days(until: date)) / span * (plot.right - plot.left - 40)
        }
        let placed = sorted.map { (point: $0, x: x($0.date), y: y($0.value, domain: yDomain)) }
        var svg: [String] = []
        svg.append(contentsOf: yAxis(domain: yDomain, unit: unit))
        if let goodBand {
            svg.append(band(goodBand, domain: yDomain, unit: unit, avoiding: placed.map { ($0.x, $0.y) }))
        }
        svg.append(contentsOf: xAxis(first: first, last: last, x: x))
        if let goal { svg.append(goalLine(goal, domain: yDomain, unit: unit, avoiding: placed.map { ($0.x, $0.y) })) }
        if placed.count > 1 {
            let path = placed.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
            svg.append(
                "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(dataColour)\" stroke-width=\"3\" "
                    + "stroke-linejoin=\"round\"/>")
        }
        for item in placed {
            svg.append(
                marker(
                    x: item.x, y: item.y, value: item.point.value, date: item.point.date, domain: yDomain,
                    unit: unit))
        }
        var rows: [String] = []
        for point in sorted {
            let note = yDomain.contains(point.value) ? "" : " " + words["chart_off"]
            rows.append(
                "<tr><th scope=\"row\"><time datetime=\"\(point.date)\">\(longDate(point.date))</time></th>"
                    + "<td>\(escape(valueText(point.value, unit: unit) + note))</td></tr>")
        }
        let header = unit.isEmpty ? words["chart_value"] : words("chart_value_unit", ["unit": unit])
        let table =
            "<table><caption>\(escape(title))</caption><thead><tr><th scope=\"col\">\(escape(words["chart_date"]))</th>"
            + "<th scope=\"col\">\(escape(header))</th></tr></thead><tbody>\(rows.joined())</tbody></table>"
        return figure(
            id: id, title: title, summary: summary, height: lineHeight, svgBody: svg.joined(), table: table)
    }

    /// An adherence calendar: weeks as rows (Monday first), a filled square with a tick mark for a day with a
    /// session, an empty outlined square otherwise, days after `to` not drawn; same figure/details structure.
    ///
    /// Days before `from` in its week are not drawn either; days in `done` outside the range are ignored.
    static func calendar(id: String, title: String, from: CalendarDate, to: CalendarDate, done: Set<CalendarDate>)
        -> String
    {
        let id = sanitizedID(id)
        guard from <= to else {
            return emptyFigure(id: id, title: title, summary: words["chart_no_days"])
        }
        let monday = from.adding(days: -from.weekdayFromMonday)
        let weeks = monday.days(until: to) / 7 + 1
        let cell = 64.0, square = 40.0, left = 120.0, top = 56.0
        var svg: [String] = []
        for (index, name) in weekdayNames.enumerated() {
            svg.append(
                "<text x=\"\(number(left + Double(index) * cell + cell / 2))\" y=\"40\" text-anchor=\"middle\" "
                    + "\(font)>\(name)</text>")
        }
        svg.append(
            "<text x=\"\(number(left - 12))\" y=\"40\" text-anchor=\"end\" \(font)>\(escape(words["chart_week_of"]))</text>"
        )
        var rows: [String] = []
        var doneCount = 0
        for week in 0..<weeks {
            let start = monday.adding(days: week * 7)
            let rowTop = top + Double(week) * cell
            svg.append(
                "<text x=\"\(number(left - 12))\" y=\"\(number(rowTop + cell / 2 + 5))\" text-anchor=\"end\" "
                    + "\(font)>\(shortDate(start))</text>")
            var cells: [String] = []
            for weekday in 0..<7 {
                let date = start.adding(days: weekday)
                guard date >= from, date <= to else {
                    cells.append("<td></td>")
                    continue
                }
                let isDone = done.contains(date)
                if isDone { doneCount += 1 }
                let x = left + Double(weekday) * cell + (cell - square) / 2, y = rowTop + (cell - square) / 2
                let label = words(
                    isDone ? "chart_day_done_label" : "chart_day_none_label",
                    ["day": weekdayNames[weekday], "date": longDate(date)])
                svg.append(daySquare(x: x, y: y, size: square, done: isDone, date: date, label: label))
                cells.append("<td>\(escape(words[isDone ? "chart_day_done" : "chart_day_none"]))</td>")
            }
            rows.append(
                "<tr><th scope=\"row\"><time datetime=\"\(start)\">\(longDate(start))</time></th>"
                    + "\(cells.joined())</tr>")
        }
        let legendY = top + Double(weeks) * cell + 16
        svg.append(daySquare(x: left, y: legendY, size: 22, done: true, date: nil, label: nil))
        svg.append(
            "<text x=\"\(number(left + 32))\" y=\"\(number(legendY + 17))\" \(font)>\(escape(words["chart_session_done"]))</text>"
        )
        svg.append(daySquare(x: left + 200, y: legendY, size: 22, done: false, date: nil, label: nil))
        svg.append(
            "<text x=\"\(number(left + 232))\" y=\"\(number(legendY + 17))\" \(font)>\(escape(words["chart_no_session"]))</text>"
        )
        let total = from.days(until: to) + 1
        let summary = words(
            total == 1 ? "chart_sessions_one" : "chart_sessions",
            ["done": "\(doneCount)", "total": "\(total)", "from": longDate(from), "to": longDate(to)])
        let headers = weekdayNames.map { "<th scope=\"col\">\($0)</th>" }.joined()
        let table =
            "<table><caption>\(escape(title))</caption><thead><tr><th scope=\"col\">\(escape(words["chart_week_of"]))</th>\(headers)</tr>"
            + "</thead><tbody>\(rows.joined())</tbody></table>"
        return figure(
            id: id, title: title, summary: summary, height: legendY + 40, svgBody: svg.joined(), table: table)
    }

    // MARK: - Pieces

    /// The words of the charts being drawn: English unless a page in another language draws them inside
    /// `Charts.$words.withValue(…)`.
    @TaskLocal static var words: Words = .english

    /// Monday-first short weekday names, in the charts' language.
    static var weekdayNames: [String] { words["chart_weekdays"].split(separator: ",").map(String.init) }
    /// Short month names, in the charts' language.
    static var monthNames: [String] { words["chart_months"].split(separator: ",").map(String.init) }

    /// The figure around a chart: caption, the SVG with its title and description, and the table in a disclosure.
    private static func figure(
        id: String, title: String, summary: String, height: Double, svgBody: String, table: String
    ) -> String {
        "<figure id=\"\(id)\" class=\"chart\"><figcaption>\(escape(title))</figcaption>"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
            + "<title id=\"\(id)-title\">\(escape(title))</title><desc id=\"\(id)-desc\">\(escape(summary))</desc>"
            + "<rect x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"#ffffff\"/>"
            + svgBody + "</svg><details><summary>\(escape(words["chart_show_numbers"]))</summary>"
            + "\(table)</details></figure>"
    }

    /// A figure that says in words that there is nothing to show yet.
    private static func emptyFigure(id: String, title: String, summary: String) -> String {
        "<figure id=\"\(id)\" class=\"chart chart-empty\"><figcaption>\(escape(title))</figcaption>"
            + "<p>\(escape(words["chart_nothing"])) \(escape(summary))</p></figure>"
    }

    /// The y of a value, clamped to the plot area.
    static func y(_ value: Double, domain: ClosedRange<Double>) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return (plot.top + plot.bottom) / 2 }
        let clamped = min(max(value, domain.lowerBound), domain.upperBound)
        return plot.bottom - (clamped - domain.lowerBound) / span * (plot.bottom - plot.top)
    }

    /// Grid lines and value labels at a few round ticks, and the two axis lines.
    private static func yAxis(domain: ClosedRange<Double>, unit: String) -> [String] {
        var parts: [String] = []
        for tick in ticks(domain) {
            let y = number(y(tick, domain: domain))
            parts.append(
                "<line x1=\"\(number(plot.left))\" y1=\"\(y)\" x2=\"\(number(plot.right))\" y2=\"\(y)\" "
                    + "stroke=\"\(gridColour)\" stroke-width=\"1\"/>")
            parts.append(
                "<text x=\"\(number(plot.left - 10))\" y=\"\(y)\" dy=\"7\" text-anchor=\"end\" \(font)>"
                    + "\(escape(valueText(tick, unit: unit)))</text>")
        }
        parts.append(
            "<path d=\"M\(number(plot.left)) \(number(plot.top))V\(number(plot.bottom))H\(number(plot.right))\" "
                + "fill=\"none\" stroke=\"\(textColour)\" stroke-width=\"2\"/>")
        return parts
    }

    /// Date labels under the plot: the first and last day and up to three evenly spaced between (five labels of
    /// 22 units fit a phone without touching).
    private static func xAxis(first: CalendarDate, last: CalendarDate, x: (CalendarDate) -> Double) -> [String] {
        let span = first.days(until: last)
        let intervals = min(span, 4)
        var dates: [CalendarDate] = [first]
        if intervals > 0 {
            for index in 1...intervals {
                let offset = Int((Double(span) * Double(index) / Double(intervals)).rounded())
                dates.append(first.adding(days: offset))
            }
        }
        return dates.map { date in
            let position = number(x(date))
            return "<line x1=\"\(position)\" y1=\"\(number(plot.bottom))\" x2=\"\(position)\" "
                + "y2=\"\(number(plot.bottom + 6))\" stroke=\"\(textColour)\" stroke-width=\"2\"/>"
                + "<text x=\"\(position)\" y=\"\(number(plot.bottom + 30))\" text-anchor=\"middle\" \(font)>"
                + "\(shortDate(date))</text>"
        }
    }

    /// The good band as a shaded, labelled strip clamped to the plot. Its label sits at the right, above the band,
    /// inside it at the bottom, or below it: wherever the fewest of the `points` would run through the words.
    private static func band(
        _ band: ClosedRange<Double>, domain: ClosedRange<Double>, unit: String, avoiding points: [(Double, Double)]
    ) -> String {
        let top = y(band.upperBound, domain: domain), bottom = y(band.lowerBound, domain: domain)
        let label = words(
            "chart_good_range",
            ["low": valueText(band.lowerBound, unit: unit), "high": valueText(band.upperBound, unit: unit)])
        let width = Double(label.count) * averageGlyphWidth
        let baseline = bandLabelBaseline(top: top, bottom: bottom, width: width, points: points)
        return "<rect x=\"\(number(plot.left))\" y=\"\(number(top))\" width=\"\(number(plot.right - plot.left))\" "
            + "height=\"\(number(max(bottom - top, 1)))\" fill=\"\(bandColour)\"/>"
            + "<text x=\"\(number(plot.right - 8))\" y=\"\(number(baseline))\" "
            + "text-anchor=\"end\" \(font)>\(escape(label))</text>"
    }

    /// The baseline of the band's label (right-aligned, `width` units wide, 22 high) that the fewest points cross.
    static func bandLabelBaseline(top: Double, bottom: Double, width: Double, points: [(Double, Double)]) -> Double {
        var candidates = [max(top - 6, plot.top + 18)]
        if bottom - top >= 30 { candidates.append(bottom - 6) }
        if bottom + 24 <= plot.bottom { candidates.append(bottom + 24) }
        let left = plot.right - 8 - width
        func crossings(_ baseline: Double) -> Int {
            points.filter { x, y in x >= left - 8 && y >= baseline - 24 && y <= baseline + 8 }.count
        }
        return candidates.min { crossings($0) < crossings($1) } ?? candidates[0]
    }

    /// A dashed goal line with its value in words, placed where the data does not run (see `goalLabelPlacement`).
    private static func goalLine(
        _ goal: Double, domain: ClosedRange<Double>, unit: String, avoiding points: [(Double, Double)]
    ) -> String {
        let y = y(goal, domain: domain)
        let label = words("chart_goal", ["value": valueText(goal, unit: unit)])
        let place = goalLabelPlacement(lineY: y, width: Double(label.count) * averageGlyphWidth, points: points)
        return "<line x1=\"\(number(plot.left))\" y1=\"\(number(y))\" x2=\"\(number(plot.right))\" y2=\"\(number(y))\" "
            + "stroke=\"\(textColour)\" stroke-width=\"2\" stroke-dasharray=\"8 6\"/>"
            + "<text x=\"\(number(place.x))\" y=\"\(number(place.baseline))\" "
            + "text-anchor=\"\(place.atRight ? "end" : "start")\" \(font)>\(escape(label))</text>"
    }

    /// Where the goal line's label goes: at the left or the right end of the line, just above or just below it,
    /// wherever the data's points and the line joining them run through the words least (left and above when
    /// that is free). `points` are in drawing order.
    static func goalLabelPlacement(lineY: Double, width: Double, points: [(Double, Double)])
        -> (x: Double, baseline: Double, atRight: Bool)
    {
        // The polyline, traced every few units, so a segment crossing the words counts as well as a point.
        var traced = points
        for (from, to) in zip(points, points.dropFirst()) {
            let steps = max(1, Int(abs(to.0 - from.0) / 4))
            for step in 1..<steps {
                let t = Double(step) / Double(steps)
                traced.append((from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t))
            }
        }
        let above = max(lineY - 8, plot.top + 18)
        let below = min(lineY + 26, plot.bottom - 6)
        let candidates = [
            (x: plot.left + 8, baseline: above, atRight: false), (x: plot.right - 8, baseline: above, atRight: true),
            (x: plot.left + 8, baseline: below, atRight: false), (x: plot.right - 8, baseline: below, atRight: true),
        ]
        func crossings(_ place: (x: Double, baseline: Double, atRight: Bool)) -> Int {
            let left = place.atRight ? place.x - width : place.x
            return traced.filter { x, y in
                x >= left - 6 && x <= left + width + 6 && y >= place.baseline - 24 && y <= place.baseline + 8
            }.count
        }
        return candidates.min { crossings($0) < crossings($1) } ?? candidates[0]
    }

    /// A point's mark: a circle inside the domain, a triangle on the edge pointing toward an off-chart value.
    private static func marker(
        x: Double, y: Double, value: Double, date: CalendarDate, domain: ClosedRange<Double>, unit: String
    ) -> String {
        let tip = "<title>\(longDate(date)): \(escape(valueText(value, unit: unit)))</title>"
        let common = "fill=\"\(dataColour)\" stroke=\"#ffffff\" stroke-width=\"2\""
        if value > domain.upperBound || value < domain.lowerBound {
            // The tip sits on the edge and the base inside, so the whole mark stays in the plot area.
            let inward = value > domain.upperBound ? 1.0 : -1.0
            let path =
                "M\(number(x)) \(number(y))L\(number(x - 8)) \(number(y + 13 * inward))"
                + "L\(number(x + 8)) \(number(y + 13 * inward))Z"
            return "<path class=\"chart-point chart-point-clamped\" d=\"\(path)\" \(common)>\(tip)</path>"
        }
        return "<circle class=\"chart-point\" cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"6\" \(common)>\(tip)</circle>"
    }

    /// A calendar day: filled with a white tick when done, outlined when not.
    private static func daySquare(
        x: Double, y: Double, size: Double, done: Bool, date: CalendarDate?, label: String?
    ) -> String {
        let dateAttribute = date.map { " data-date=\"\($0)\"" } ?? ""
        let tip = label.map { "<title>\(escape($0))</title>" } ?? ""
        let rect =
            "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(size))\" height=\"\(number(size))\" rx=\"4\""
        guard done else {
            return "<g class=\"day day-empty\"\(dateAttribute)>\(tip)\(rect) fill=\"#ffffff\" "
                + "stroke=\"\(outlineColour)\" stroke-width=\"2\"/></g>"
        }
        let s = size / 40
        let tick =
            "M\(number(x + 10 * s)) \(number(y + 21 * s))L\(number(x + 17 * s)) \(number(y + 28 * s))"
            + "L\(number(x + 30 * s)) \(number(y + 12 * s))"
        return "<g class=\"day day-done\"\(dateAttribute)>\(tip)\(rect) fill=\"\(dataColour)\"/>"
            + "<path d=\"\(tick)\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"\(number(4 * s))\" "
            + "stroke-linecap=\"round\" stroke-linejoin=\"round\"/></g>"
    }

    // MARK: - Text

    /// About five round tick values covering the domain.
    static func ticks(_ domain: ClosedRange<Double>) -> [Double] {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return [domain.lowerBound] }
        let rough = span / 4
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        var values: [Double] = []
        var tick = (domain.lowerBound / step).rounded(.up) * step
        while tick <= domain.upperBound + step * 1e-9, values.count < 20 {
            values.append(tick)
            tick += step
        }
        return values
    }

    /// A value with its unit: "95°", "12 kg", "3.5".
    static func valueText(_ value: Double, unit: String) -> String {
        let text = number(value)
        guard let first = unit.first else { return text }
        return first.isLetter ? "\(text) \(unit)" : text + unit
    }

    /// "25 Nov".
    static func shortDate(_ date: CalendarDate) -> String { "\(date.day) \(monthNames[date.month - 1])" }

    /// "25 Nov 2026".
    static func longDate(_ date: CalendarDate) -> String { "\(shortDate(date)) \(date.year)" }

    /// A number with at most one decimal, without a locale, never "-0".
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths == 0 || !tenths.isFinite { return "0" }
        if tenths.truncatingRemainder(dividingBy: 10) == 0, abs(tenths) < 1e15 { return String(Int(tenths / 10)) }
        return String(format: "%.1f", tenths / 10)
    }

    /// An id made of ASCII letters, digits, hyphens and underscores.
    static func sanitizedID(_ raw: String) -> String { SVGText.identifier(raw, fallback: "chart") }

    /// Text made safe for HTML and XML content and attribute values.
    static func escape(_ text: String) -> String { SVGText.escape(text) }
}
