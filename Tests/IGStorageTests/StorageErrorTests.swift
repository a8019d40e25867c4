import Foundation
import IGCore
import IGStorage
import TestSupport
import Testing

@Suite struct StorageErrorTests {
    @Test func theS3CodeDecidesTheKind() {
        for code in ["SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied", "ExpiredToken"] {
            #expect(StorageError.kind(status: 403, code: code) == .auth)
        }
        #expect(StorageError.kind(status: 404, code: "NoSuchBucket") == .noSuchBucket)
        #expect(StorageError.kind(status: 503, code: "SlowDown") == .unavailable)
        #expect(StorageError.kind(status: 500, code: "") == .unavailable)
        #expect(StorageError.kind(status: 404, code: "NoSuchUpload") == .noSuchUpload)
        #expect(StorageError.kind(status: 400, code: "EntityTooSmall") == .refused)
    }

    @Test func aLedgerSurvivesASaveAndALoad() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/uploads/account.json"
            var ledger = UploadLedger()
            ledger.objects["s3://lake/a.csv"] = "abc"
            ledger.multipart["s3://lake/big.csv"] = UploadLedger.Multipart(
                uploadID: "id-1",
                sha256: "def",
                partSize: 1024,
                etags: [1: "\"e1\"", 2: "\"e2\""]
            )
            try ledger.save(path)
            #expect(try UploadLedger.load(path) == ledger)
            var status = stat()
            #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        }
    }
}
