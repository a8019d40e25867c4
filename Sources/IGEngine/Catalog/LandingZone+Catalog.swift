extension LandingZone {
    /// Writes the catalog of the pipeline's streams into `catalog.path`, each file atomically: after the data
    /// files, before the manifest and `_SUCCESS`. Without `catalog:` in the pipeline, it writes nothing.
    func publishCatalog() throws(SinkError) {
        guard let folder = Catalog.folder(of: config) else { return }
        try Catalog(config: config).write(to: folder)
    }
}
