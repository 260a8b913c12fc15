import Foundation
import RehabCore
import Testing

@testable import RehabWeb

/// Tests of the server-drawn charts.
struct ChartsTests {
    /// A date from its ISO form; the tests only use real dates.
    private func day(_ iso: String) throws -> CalendarDate { try #require(CalendarDate(iso: iso)) }

    /// Points for a chart: `values` on consecutive days from 2026-11-20.
    private func points(_ values: [Double]) throws -> [ChartPoint] {
        let start = try day("2026-11-20")
        return values.enumerated().map { ChartPoint(date: start.adding(days: $0.offset * 2), value: $0.element) }
    }

    /// Checks what every chart fragment must hold: well-formed, figure with caption, accessible SVG, no styles or
    /// scripts, readable text.
    private func checkFigure(_ html: String, title: String) throws -> GraphicsXMLNode {
        let root = try #require(GraphicsXMLNode.parse(html), "not well-formed")
        #expect(root.name == "figure")
        #expect(root.all("figcaption").first?.text == title)
        #expect(!html.contains("style="))
        #expect(!html.lowercased().contains("<script"))
        let svg = try #require(root.all("svg").first)
        #expect(svg.attributes["role"] == "img")
        let labels = (svg.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
        #expect(labels.count == 2)
        #expect(svg.element(id: labels.first ?? "")?.text == title)
        #expect(svg.element(id: labels.last ?? "")?.name == "desc")
        #expect(root.all("summary").first?.text == "Show the numbers")
        #expect(root.all("details").first?.all("table").count == 1)
        for text in svg.all("text") {
            let size = try #require(text.number("font-size"))
            #expect(size * 350 / Charts.width >= 12, "at least 12 px on a phone that draws the chart 350 px wide")
            #expect(text.attributes["fill"] == "#1a1a1a")
        }
        return root
    }

    /// Every point gets one mark and one table row, with the date and value in words.
    @Test func lineChartPointCountMatchesTableRows() throws {
        let html = Charts.line(
            id: "flexion", title: "Knee bend", summary: "Degrees of bend.", points: try points([80, 95, 102, 110]),
            yDomain: 0...150, unit: "°", goal: 120)
        let root = try checkFigure(html, title: "Knee bend")
        let marks = root.descendants.filter { ($0.attributes["class"] ?? "").contains("chart-point") }
        let rows = try #require(root.all("tbody").first).all("tr")
        #expect(marks.count == 4)
        #expect(rows.count == 4)
        #expect(rows.first?.all("time").first?.attributes["datetime"] == "2026-11-20")
        #expect(rows.first?.all("time").first?.text == "20 Nov 2026")
        #expect(rows.last?.all("td").first?.text == "110°")
        let texts = root.all("text").map(\.text)
        #expect(texts.contains("20 Nov"))
        #expect(texts.contains("26 Nov"))
        #expect(texts.contains("Goal: 120°"))
        #expect(texts.contains("0°"))
    }

    /// Points later in time are further right, and higher values are higher up.
    @Test func lineChartScales() throws {
        let html = Charts.line(
            id: "p", title: "Pain", summary: "s", points: try points([2, 5, 3]), yDomain: 0...10, unit: "")
        let root = try checkFigure(html, title: "Pain")
        let circles = root.all("circle").filter { $0.attributes["class"] == "chart-point" }
        let xs = circles.compactMap { $0.number("cx") }, ys = circles.compactMap { $0.number("cy") }
        #expect(xs == xs.sorted() && Set(xs).count == 3)
        #expect(ys.count == 3 && ys[1] < ys[2] && ys[2] < ys[0])
        #expect(ys[0] == Charts.y(2, domain: 0...10))
    }

    /// Values outside the domain are drawn inside the plot area, and the table still gives the true value.
    @Test func outOfDomainValuesAreClamped() throws {
        let html = Charts.line(
            id: "clamp", title: "Clamped", summary: "s", points: try points([-40, 5, 400]), yDomain: 0...10, unit: "")
        let root = try checkFigure(html, title: "Clamped")
        let plot = Charts.plot
        var coordinates: [(Double, Double)] = []
        for mark in root.descendants where (mark.attributes["class"] ?? "").contains("chart-point") {
            if let x = mark.number("cx"), let y = mark.number("cy") { coordinates.append((x, y)) }
            let numbers = (mark.attributes["d"] ?? "").split { !"0123456789.-".contains($0) }.compactMap { Double($0) }
            for index in stride(from: 0, to: numbers.count - 1, by: 2) {
                coordinates.append((numbers[index], numbers[index + 1]))
            }
        }
        let line = root.all("polyline").first?.attributes["points"] ?? ""
        coordinates += line.split(separator: " ").compactMap { pair -> (Double, Double)? in
            let parts = pair.split(separator: ",").compactMap { Double($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        #expect(coordinates.count > 6)
        for (x, y) in coordinates {
            #expect((plot.left...plot.right).contains(x))
            #expect((plot.top...plot.bottom).contains(y))
        }
        let cells = root.all("td").map(\.text)
        #expect(cells.contains { $0.hasPrefix("400") && $0.contains("off the chart") })
        #expect(cells.contains { $0.hasPrefix("-40") && $0.contains("off the chart") })
        #expect(cells.contains("5"))
    }

    /// A good band and a single point still draw; the band is named in words.
    @Test func goodBandIsLabelled() throws {
        let html = Charts.line(
            id: "pain", title: "Pain", summary: "s", points: try points([1]), yDomain: 0...10, unit: "",
            goodBand: 0...2)
        let root = try checkFigure(html, title: "Pain")
        #expect(root.all("text").contains { $0.text == "Good range: 0 to 2" })
        #expect(root.all("polyline").isEmpty)
    }

    /// No points: a figure that says so in words, with no picture.
    @Test func emptyLineChartSaysSo() throws {
        let html = Charts.line(id: "none", title: "Knee bend", summary: "s", points: [], yDomain: 0...150, unit: "°")
        let root = try #require(GraphicsXMLNode.parse(html))
        #expect(root.name == "figure")
        #expect(root.all("svg").isEmpty)
        #expect(root.all("p").first?.text.contains("Nothing to show yet") == true)
    }

    /// The calendar marks exactly the done days in range, Monday first, and nothing after `to`.
    @Test func calendarMarksExactlyTheDoneDays() throws {
        let from = try day("2026-11-04"), to = try day("2026-11-25")  // Wednesday to Wednesday
        let done: Set<CalendarDate> = [
            try day("2026-11-01"), try day("2026-11-04"), try day("2026-11-10"), try day("2026-11-25"),
            try day("2026-11-26"),
        ]
        let html = Charts.calendar(id: "adherence", title: "Days with a session", from: from, to: to, done: done)
        let root = try checkFigure(html, title: "Days with a session")
        let days = root.descendants.filter { $0.attributes["data-date"] != nil }
        let doneDays = days.filter { $0.attributes["class"] == "day day-done" }.compactMap {
            $0.attributes["data-date"]
        }
        #expect(Set(doneDays) == ["2026-11-04", "2026-11-10", "2026-11-25"])
        #expect(doneDays.count == 3)
        #expect(days.count == 22)
        let drawn = days.compactMap { $0.attributes["data-date"].flatMap(CalendarDate.init(iso:)) }
        #expect(drawn.allSatisfy { $0 >= from && $0 <= to })
        for group in days {
            let hasTick = group.all("path").count == 1
            #expect(hasTick == (group.attributes["class"] == "day day-done"))
        }
        // Columns: Tuesday 10 Nov sits one column right of Monday 9 Nov.
        /// The x of the square drawn for a day.
        func x(_ iso: String) -> Double? {
            days.first { $0.attributes["data-date"] == iso }?.all("rect").first?.number("x")
        }
        let monday = try #require(x("2026-11-09")), tuesday = try #require(x("2026-11-10"))
        #expect(tuesday > monday)
        #expect(x("2026-11-16") == monday)
        let rows = try #require(root.all("tbody").first).all("tr")
        #expect(rows.count == 4)
        #expect(rows.first?.all("time").first?.attributes["datetime"] == "2026-11-02")
        #expect(rows.flatMap { $0.all("td") }.filter { $0.text == "Done" }.count == 3)
        #expect(root.all("desc").first?.text == "Sessions on 3 of 22 days from 4 Nov 2026 to 25 Nov 2026.")
        let headers = root.all("text").map(\.text)
        #expect(headers.prefix(8) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Week of"])
    }

    /// A range that ends before it starts draws nothing and says so.
    @Test func emptyCalendarSaysSo() throws {
        let html = Charts.calendar(
            id: "cal", title: "Days", from: try day("2026-11-10"), to: try day("2026-11-09"), done: [])
        let root = try #require(GraphicsXMLNode.parse(html))
        #expect(root.all("svg").isEmpty)
        #expect(root.all("p").first?.text.contains("Nothing to show yet") == true)
    }

    /// Titles, summaries and units with markup characters are escaped; ids are made plain.
    @Test func textIsEscaped() throws {
        let title = "<&>"
        let line = Charts.line(
            id: "x\"><script>", title: title, summary: "a < b & \"c\"", points: try points([1, 2]),
            yDomain: 0...10, unit: "<u>")
        let calendar = Charts.calendar(
            id: "cal", title: title, from: try day("2026-11-02"), to: try day("2026-11-03"), done: [])
        for html in [line, calendar] {
            #expect(!html.contains("<&>"))
            #expect(!html.lowercased().contains("<script"))
            let root = try checkFigure(html, title: title)
            #expect(root.all("caption").first?.text == title)
            #expect(root.descendants.compactMap { $0.attributes["id"] }.allSatisfy { !$0.contains("\"") })
        }
        let root = try #require(GraphicsXMLNode.parse(line))
        #expect(root.all("desc").first?.text == "a < b & \"c\"")
        #expect(root.all("td").first?.text == "1<u>")
    }

    /// The good band's label goes where the data is not: above the band by default, inside it when the points run
    /// along its top edge, and never through a point when a free place exists.
    @Test func bandLabelAvoidsThePoints() {
        let (top, bottom) = (200.0, 260.0)
        let right = Charts.plot.right - 20
        let above = Charts.bandLabelBaseline(top: top, bottom: bottom, width: 220, points: [])
        #expect(above < top)
        let alongTheTop = (0..<5).map { (right - Double($0) * 30, top) }
        let inside = Charts.bandLabelBaseline(top: top, bottom: bottom, width: 220, points: alongTheTop)
        #expect(inside > top && inside <= bottom)
        let alongTheBottom = (0..<5).map { (right - Double($0) * 30, bottom) }
        #expect(Charts.bandLabelBaseline(top: top, bottom: bottom, width: 220, points: alongTheBottom) == above)
        // Points far to the left never move it: the label is drawn at the right.
        let leftOnly = [(Charts.plot.left + 20, top)]
        #expect(Charts.bandLabelBaseline(top: top, bottom: bottom, width: 220, points: leftOnly) == above)
    }

    /// The goal's label goes where the data is not: at the left above the line by default, at the right when the
    /// data runs through the left, and below the line when the data runs along just above it from end to end.
    @Test func goalLabelAvoidsTheData() {
        let lineY = 150.0
        let free = Charts.goalLabelPlacement(lineY: lineY, width: 150, points: [])
        #expect(!free.atRight && free.baseline < lineY)
        // Two points far apart: the line joining them crosses the left label although no point lies inside it.
        let leftAcross = [(Charts.plot.left + 20, lineY - 30), (Charts.plot.left + 260, lineY + 60)]
        let right = Charts.goalLabelPlacement(lineY: lineY, width: 150, points: leftAcross)
        #expect(right.atRight && right.baseline < lineY)
        let alongAbove = [(Charts.plot.left + 20, lineY - 12), (Charts.plot.right - 20, lineY - 12)]
        let below = Charts.goalLabelPlacement(lineY: lineY, width: 150, points: alongAbove)
        #expect(below.baseline > lineY)
    }
}
