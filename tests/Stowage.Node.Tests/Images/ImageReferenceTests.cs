using Stowage.Node.Images;

namespace Stowage.Node.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1.28", "docker.io/library/busybox:1.28")]
    [InlineData("library/busybox", "docker.io/library/busybox:latest")]
    [InlineData("docker.io/busybox", "docker.io/library/busybox:latest")]
    [InlineData("index.docker.io/library/busybox:1", "docker.io/library/busybox:1")]
    [InlineData("bitnami/nginx:1.25", "docker.io/bitnami/nginx:1.25")]
    [InlineData("registry:5000/x/y:1.0", "registry:5000/x/y:1.0")]
    [InlineData("localhost/app", "localhost/app:latest")]
    [InlineData("quay.io/a/b", "quay.io/a/b:latest")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "docker.io/library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "docker.io/library/nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Names_normalise_as_Docker_and_Kubernetes_read_them(string image, string expected)
    {
        Assert.Equal(expected, ImageReference.Parse(image).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Busybox")]
    [InlineData("busybox:")]
    [InlineData("busybox@sha256:xyz")]
    [InlineData("a//b")]
    public void Invalid_names_are_refused_with_a_reason(string image)
    {
        Assert.False(ImageReference.TryParse(image, out _, out var error));
        Assert.StartsWith("invalid image name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_not_found_message_says_how_to_import_the_image()
    {
        Assert.Equal(
            "image \"docker.io/library/nginx:latest\" is not on this node; import it with: stowage image import nginx:latest FILE (an OCI layout or docker save tarball)",
            ImageStore.NotFoundMessage("nginx"));
        Assert.Contains("stowage image import registry:5000/x/y:1.0 FILE", ImageStore.NotFoundMessage("registry:5000/x/y:1.0"), StringComparison.Ordinal);
    }
}
