extension QRCode {
    /// The light margin the standard asks for round a symbol, in modules.
    public static let quietZone = 4

    /// The symbol as an SVG image for a page: black modules on white with the quiet zone, one path of horizontal
    /// runs, scaled by the page (`width` and `height` 100 %). It is hidden from screen readers: the page names the
    /// picture on the element around it.
    public func svg() -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else {
                    x += 1
                    continue
                }
                var end = x
                while end < size && self[end, y] { end += 1 }
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h\(end - x)v1h-\(end - x)z"
                x = end
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="100%" height="100%" \
            aria-hidden="true" focusable="false" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
