import IGCore
import IGStorage
import Testing

@Suite struct StorageCredentialsTests {
    @Test func environmentVariablesComeFirst() {
        let credentials = StorageCredentials.fromEnvironment(
            ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s3cr3t", "AWS_SESSION_TOKEN": "tok", "HOME": "/h"],
            readFile: { _ in "[default]\naws_access_key_id = OTHER\naws_secret_access_key = other\n" }
        )
        #expect(credentials?.accessKey.value == "AKID")
        #expect(credentials?.secretKey.value == "s3cr3t")
        #expect(credentials?.sessionToken?.value == "tok")
        #expect("\(String(describing: credentials))".contains("s3cr3t") == false)
    }

    @Test func theProfileIsReadFromTheSharedCredentialsFile() {
        let file = """
            # comment
            [default]
            aws_access_key_id = DEFAULTKEY
            aws_secret_access_key = defaultsecret
            [work]
            aws_access_key_id=WORKKEY
            aws_secret_access_key=worksecret
            """
        var asked: [String] = []
        let credentials = StorageCredentials.fromEnvironment(["HOME": "/home/u", "AWS_PROFILE": "work"]) { path in
            asked.append(path)
            return file
        }
        #expect(asked == ["/home/u/.aws/credentials"])
        #expect(credentials?.accessKey.value == "WORKKEY")
        #expect(credentials?.secretKey.value == "worksecret")
        #expect(credentials?.secretKey.source == "/home/u/.aws/credentials [work]")
    }

    @Test func noCredentialsAnywhereIsNil() {
        #expect(StorageCredentials.fromEnvironment(["HOME": "/h"], readFile: { _ in nil }) == nil)
        #expect(StorageCredentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "only"], readFile: { _ in nil }) == nil)
    }
}
