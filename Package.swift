// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "igexport",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "igexport", targets: ["igexport"]),
        .library(name: "IGExport", targets: ["IGCore", "IGGraph", "IGStorage", "IGEngine", "IGOps"]),
        .library(name: "GraphEmulator", targets: ["GraphEmulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCurl",
            path: "Sources/CLibCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CCurl", dependencies: ["CLibCurl"]),
        .target(name: "CXMLWriter", dependencies: ["CLibXML2"]),
        // zlib and zstd stay behind the shim's header: Swift never imports theirs.
        .target(
            name: "CCompression",
            linkerSettings: [.linkedLibrary("z"), .linkedLibrary("zstd")]
        ),
        // The layers, lowest first; each may use only those above it in this list (see ARCHITECTURE.md).
        .target(name: "IGCore"),
        .target(
            name: "IGGraph",
            dependencies: ["IGCore", "CCurl", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "IGStorage", dependencies: ["IGCore", "IGGraph"]),
        .target(
            name: "IGEngine",
            dependencies: [
                "IGCore",
                "IGGraph",
                "IGStorage",
                "CCompression",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "IGOps",
            dependencies: [
                "IGCore", "IGGraph", "IGStorage", "IGEngine", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "GraphEmulator",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "igexport",
            dependencies: [
                "IGCore",
                "IGGraph",
                "IGStorage",
                "IGEngine",
                "IGOps",
                "GraphEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "igexport-bench", dependencies: ["IGCore", "IGEngine"], path: "bench/writers"),
        .testTarget(name: "CCurlTests", dependencies: ["CCurl"]),
        .testTarget(name: "CXMLWriterTests", dependencies: ["CXMLWriter"]),
        .target(
            name: "TestSupport",
            dependencies: ["IGCore", "IGGraph", "GraphEmulator", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "IGCoreTests", dependencies: ["IGCore", "TestSupport"]),
        .testTarget(name: "IGGraphTests", dependencies: ["IGCore", "IGGraph", "TestSupport", "GraphEmulator"]),
        .testTarget(name: "IGStorageTests", dependencies: ["IGCore", "IGGraph", "IGStorage", "TestSupport"]),
        .testTarget(
            name: "IGEngineTests",
            // libxml2's writer (CXMLWriter) is the reference the XML writer's bytes are held to.
            dependencies: ["IGCore", "IGGraph", "IGStorage", "IGEngine", "TestSupport", "GraphEmulator", "CXMLWriter"]
        ),
        .testTarget(
            name: "IGOpsTests",
            dependencies: ["IGCore", "IGGraph", "IGStorage", "IGEngine", "IGOps", "TestSupport", "GraphEmulator"]
        ),
        .testTarget(name: "GraphEmulatorTests", dependencies: ["GraphEmulator", "CCurl", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["GraphEmulator", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets, declared only when `fuzz/run` builds them (with `-sanitize=fuzzer`, which links libFuzzer),
// so that `swift build` and `swift test` never see them. See fuzz/README.md.
if Context.environment["IGEXPORT_FUZZ"] != nil {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("json", ["IGCore"]),
        ("timestamp", ["IGCore"]),
        ("usage", ["IGCore", "IGGraph"]),
        ("config", ["IGCore", "IGEngine"]),
        ("xml", ["IGCore", "IGEngine"]),
        ("csv", ["IGCore", "IGEngine"]),
    ]
    package.targets.append(.target(name: "FuzzDriver", path: "fuzz/driver"))
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: "fuzz-\(target.name)",
                dependencies: target.dependencies + ["FuzzDriver"],
                path: "fuzz/\(target.name)"
            )
        )
    }
}
