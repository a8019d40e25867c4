extension LandingZone {
    /// Writes the catalog of the pipeline's streams into `catalog.path`, each file atomically: after the data
    /// files, before the manifest and `_SUCCESS`. Without `catalog:` in the pipeline, it writes nothing.
    /// Returns the paths written.
    @discardableResult
    func publishCatalog() throws(SinkError) -> [String] {
        guard let folder = Catalog.folder(of: config) else { return [] }
        return try Catalog(config: config).write(to: folder)
    }
}
