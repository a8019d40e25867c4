/// igexport's version, shown by `--version` and sent in the `User-Agent` header.
public enum IGExportVersion {
    public static let current = "0.1.0"
}
