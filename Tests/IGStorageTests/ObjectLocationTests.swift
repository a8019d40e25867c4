import IGCore
import IGStorage
import Testing

@Suite struct ObjectLocationTests {
    @Test func aStagedFileNamesItsBucketAndKey() {
        let location = ObjectLocation(stagingPath: "/state/staging/lake/ig/media/part.csv", root: "/state/staging")
        #expect(location == ObjectLocation(bucket: "lake", key: "ig/media/part.csv"))
        #expect(ObjectLocation(stagingPath: "/out/media.csv", root: "/state/staging") == nil)
        #expect(location?.stagingPath(root: "/state/staging") == "/state/staging/lake/ig/media/part.csv")
    }

    @Test func urlsEncodeTheKeyAndPlaceTheBucketByAddressing() {
        let location = ObjectLocation(bucket: "lake", key: "ig/dt=2025-01-01/a b+c.csv")
        #expect(
            location.url(endpoint: "http://127.0.0.1:9000", addressing: .path)
                == "http://127.0.0.1:9000/lake/ig/dt%3D2025-01-01/a%20b%2Bc.csv"
        )
        #expect(
            location.url(endpoint: "https://s3.eu-west-1.amazonaws.com", addressing: .virtual, query: "uploads=")
                == "https://lake.s3.eu-west-1.amazonaws.com/ig/dt%3D2025-01-01/a%20b%2Bc.csv?uploads="
        )
    }

    @Test func pathStyleIsTheDefaultForLoopbackAndIPLiterals() {
        #expect(StorageConfig.defaultAddressing(for: "http://localhost:9000") == .path)
        #expect(StorageConfig.defaultAddressing(for: "http://127.0.0.1:9000") == .path)
        #expect(StorageConfig.defaultAddressing(for: "https://10.1.2.3") == .path)
        #expect(StorageConfig.defaultAddressing(for: "https://[2001:db8::1]:9000") == .path)
        #expect(StorageConfig.defaultAddressing(for: "https://storage.googleapis.com") == .virtual)
    }

    @Test func bucketNamesFollowS3Rules() {
        #expect(ObjectLocation.isValidBucket("my-lake.2025"))
        #expect(!ObjectLocation.isValidBucket("ab"))
        #expect(!ObjectLocation.isValidBucket("My_Lake"))
        #expect(!ObjectLocation.isValidBucket("-lake"))
    }

    @Test func md5MatchesRFC1321Vectors() {
        func hex(_ text: String) -> String {
            var md5 = MD5()
            md5.update(Array(text.utf8))
            return md5.digest().map {
                String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
            }
            .joined()
        }
        #expect(hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(
            hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890")
                == "57edf4a22be3c955ac49da2e2107b67a"
        )
    }
}
