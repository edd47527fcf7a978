using Stowage.Server.Security;

namespace Stowage.Server.Tests.Security;

public sealed class BearerTokenAuthenticatorTests
{
    private const string Token = "q1w2e3r4t5y6u7i8o9p0-_AbCdEfGhIjKlMnOpQrStU";

    private readonly BearerTokenAuthenticator _authenticator = BearerTokenAuthenticator.ForAdmin(Token);

    [Fact]
    public void Admin_token_authenticates_as_admin_in_system_masters()
    {
        var user = _authenticator.Authenticate($"Bearer {Token}");

        Assert.NotNull(user);
        Assert.Equal("admin", user.Name);
        Assert.Equal(["system:masters", "system:authenticated"], user.Groups);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer  ")]
    [InlineData("  Bearer ")]
    public void Scheme_is_case_insensitive_and_whitespace_around_the_token_is_ignored(string prefix)
    {
        Assert.Equal(AuthenticatedUser.Admin, _authenticator.Authenticate(prefix + Token + " "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData(Token)]
    [InlineData("Bearer q1w2e3r4t5y6u7i8o9p0-_AbCdEfGhIjKlMnOpQrStu")]
    [InlineData("Bearer q1w2e3r4t5y6u7i8o9p0-_AbCdEfGhIjKlMnOpQrSt")]
    [InlineData("Bearer q1w2e3r4t5y6u7i8o9p0-_AbCdEfGhIjKlMnOpQrStUx")]
    [InlineData("Bearer q1w2e3r4t5y6u7i8o9p0-_AbCdEfGhIjKlMnOpQrStU extra")]
    public void Anything_but_the_exact_token_authenticates_nobody(string? header)
    {
        Assert.Null(_authenticator.Authenticate(header));
    }

    [Fact]
    public void Each_known_token_maps_to_its_own_user()
    {
        var agent = new AuthenticatedUser("system:node:n1", ["system:nodes", "system:authenticated"]);
        var authenticator = new BearerTokenAuthenticator([new("admin-token", AuthenticatedUser.Admin), new("node-token", agent)]);

        Assert.Equal(AuthenticatedUser.Admin, authenticator.Authenticate("Bearer admin-token"));
        Assert.Equal(agent, authenticator.Authenticate("Bearer node-token"));
        Assert.Null(authenticator.Authenticate("Bearer other-token"));
    }

    [Fact]
    public void An_authenticator_without_tokens_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new BearerTokenAuthenticator([]));
        Assert.Throws<ArgumentException>(() => BearerTokenAuthenticator.ForAdmin(" "));
    }
}
