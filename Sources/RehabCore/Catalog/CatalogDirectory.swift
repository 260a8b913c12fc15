import Foundation

/// Where the clinical content lives on disk: the catalog that ships with the program, or a clinic's override.
public enum CatalogDirectory {
    /// The catalog bundled with the program (`Sources/RehabCore/Resources/catalog`).
    public static var bundled: URL {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: nil) else {
            preconditionFailure("the bundled catalog is missing from the RehabCore resources")
        }
        return url
    }
}
