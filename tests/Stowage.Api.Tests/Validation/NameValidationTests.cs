using Stowage.Api.Validation;

namespace Stowage.Api.Tests.Validation;

/// <summary>Kubernetes' validation_test.go tables for names, qualified names and label values.</summary>
public sealed class NameValidationTests
{
    private static readonly string A63 = new('a', 63);
    private static readonly string A64 = new('a', 64);

    public static TheoryData<string> GoodDNS1123Labels => new()
    {
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
        "0", "01", "012", "1a", "1-a", "1--a--b--2",
        A63,
    };

    public static TheoryData<string> BadDNS1123Labels => new()
    {
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
        "-", "a-", "-a", "1-", "-1",
        "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
        ".", "a.", ".a", "a.b", "1.", ".1", "1.2",
        " ", "a ", " a", "a b", "1 ", " 1", "1 2",
        A64, "a\n",
    };

    [Theory]
    [MemberData(nameof(GoodDNS1123Labels))]
    public void Accepts_valid_dns1123_labels(string value) => Assert.Empty(NameValidation.IsDNS1123Label(value));

    [Theory]
    [MemberData(nameof(BadDNS1123Labels))]
    public void Rejects_invalid_dns1123_labels(string value) => Assert.NotEmpty(NameValidation.IsDNS1123Label(value));

    public static TheoryData<string> GoodDNS1123Subdomains => new()
    {
        "a", "ab", "abc", "a1", "a-1", "a--1--2--b",
        "0", "01", "012", "1a", "1-a", "1--a--b--2",
        "a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a",
        "a.1", "ab.1", "abc.1", "a1.1", "a-1.1", "a--1--2--b.1",
        "0.a", "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2.a",
        "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1",
        "a.b.c.d.e", "aa.bb.cc.dd.ee", "1.2.3.4.5", "11.22.33.44.55",
        new string('a', 253),
    };

    public static TheoryData<string> BadDNS1123Subdomains => new()
    {
        "", "A", "ABC", "aBc", "A1", "A-1", "1-A",
        "-", "a-", "-a", "1-", "-1",
        "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
        ".", "a.", ".a", "a..b", "1.", ".1", "1..2",
        " ", "a ", " a", "a b", "1 ", " 1", "1 2",
        "A.a", "aB.a", "ab.A", "A1.a", "a1.A",
        "A.1", "aB.1", "A1.1", "1A.1",
        "0.A", "01.A", "012.A", "1A.a", "1a.A",
        "A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee",
        "a@b", "a,b", "a#b", "a;b",
        "a:b", "a%b", "a?b", "a$b",
        new string('a', 254),
    };

    [Theory]
    [MemberData(nameof(GoodDNS1123Subdomains))]
    public void Accepts_valid_dns1123_subdomains(string value) => Assert.Empty(NameValidation.IsDNS1123Subdomain(value));

    [Theory]
    [MemberData(nameof(BadDNS1123Subdomains))]
    public void Rejects_invalid_dns1123_subdomains(string value) => Assert.NotEmpty(NameValidation.IsDNS1123Subdomain(value));

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("a-1")]
    [InlineData("a--1--2--b")]
    public void Accepts_valid_dns1035_labels(string value) => Assert.Empty(NameValidation.IsDNS1035Label(value));

    [Theory]
    [InlineData("0")]
    [InlineData("1a")]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("a-")]
    [InlineData("a.b")]
    [InlineData("a_b")]
    public void Rejects_invalid_dns1035_labels(string value) => Assert.NotEmpty(NameValidation.IsDNS1035Label(value));

    public static TheoryData<string> GoodQualifiedNames => new()
    {
        "simple",
        "now-with-dashes",
        "1-starts-with-num",
        "1234",
        "simple/simple",
        "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes",
        "now.with.dots/simple",
        "now-with.dashes-and.dots/simple",
        "1-num.2-num/3-num",
        "1234/5678",
        "1.2.3.4/5678",
        "Uppercase_Is_OK_123",
        "example.com/Uppercase_Is_OK_123",
        "requests.storage-foo",
        A63,
        new string('a', 253) + "/" + new string('b', 63),
    };

    public static TheoryData<string> BadQualifiedNames => new()
    {
        "nospecialchars%^=@",
        "cantendwithadash-",
        "-cantstartwithadash-",
        "only/one/slash",
        "Example.com/abc",
        "example_com/abc",
        "example.com/",
        "/simple",
        A64,
        new string('a', 254) + "/abc",
    };

    [Theory]
    [MemberData(nameof(GoodQualifiedNames))]
    public void Accepts_valid_qualified_names(string value) => Assert.Empty(NameValidation.IsQualifiedName(value));

    [Theory]
    [MemberData(nameof(BadQualifiedNames))]
    public void Rejects_invalid_qualified_names(string value) => Assert.NotEmpty(NameValidation.IsQualifiedName(value));

    public static TheoryData<string> GoodLabelValues => new()
    {
        "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234", A63, "",
    };

    public static TheoryData<string> BadLabelValues => new()
    {
        "nospecialchars%^=@",
        "Tama-nui-te-rā.is.Māori.sun",
        "\\backslashes\\are\\bad",
        "-starts-with-dash",
        "ends-with-dash-",
        ".starts.with.dot",
        "ends.with.dot.",
        A64,
    };

    [Theory]
    [MemberData(nameof(GoodLabelValues))]
    public void Accepts_valid_label_values(string value) => Assert.Empty(NameValidation.IsValidLabelValue(value));

    [Theory]
    [MemberData(nameof(BadLabelValues))]
    public void Rejects_invalid_label_values(string value) => Assert.NotEmpty(NameValidation.IsValidLabelValue(value));

    [Fact]
    public void Explains_an_invalid_dns1123_label_with_the_kubernetes_message()
    {
        Assert.Equal(
            ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"],
            NameValidation.IsDNS1123Label("My-Name"));
        Assert.Equal(["must not contain dots"], NameValidation.IsDNS1123Label("a.b"));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDNS1123Label(A64));
    }

    [Fact]
    public void Explains_an_invalid_dns1123_subdomain_with_the_kubernetes_message()
    {
        Assert.Equal(
            [
                "must be no more than 253 characters",
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ],
            NameValidation.IsDNS1123Subdomain(new string('A', 254)));
    }

    [Fact]
    public void Explains_invalid_qualified_names_with_the_kubernetes_messages()
    {
        Assert.Equal(
            ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"],
            NameValidation.IsQualifiedName("only/one/slash"));
        Assert.Equal(["prefix part must be non-empty"], NameValidation.IsQualifiedName("/simple"));
        Assert.Equal(
            [
                "name part must be non-empty",
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ],
            NameValidation.IsQualifiedName("example.com/"));
        Assert.Equal(
            ["prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
            NameValidation.IsQualifiedName("Example.com/abc"));
        Assert.Equal(["name part must be no more than 63 characters"], NameValidation.IsQualifiedName(A64));
    }

    [Fact]
    public void Explains_an_invalid_label_value_with_the_kubernetes_message()
    {
        Assert.Equal(
            ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
            NameValidation.IsValidLabelValue("-starts-with-dash"));
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsValidLabelValue(A64));
    }

    [Fact]
    public void Counts_length_in_utf8_bytes_like_go()
    {
        // 32 two-byte characters are 64 bytes.
        Assert.Contains("must be no more than 63 characters", NameValidation.IsValidLabelValue(new string('é', 32)));
    }
}
