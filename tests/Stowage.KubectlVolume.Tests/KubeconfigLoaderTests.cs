using System.Text;
using Stowage.Kubeconfig;

namespace Stowage.KubectlVolume.Tests;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-volume-").FullName;

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private string Stowage() => Write("stowage.yaml", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: stowage
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority-data: {B64("CA PEM")}
        users:
        - name: admin
          user:
            token: s3cret
        contexts:
        - name: stowage
          context:
            cluster: stowage
            user: admin
            namespace: registry
        - name: other
          context:
            cluster: stowage
            user: certs
        current-context: stowage
        """);

    [Fact]
    public void Reads_server_ca_token_and_the_contexts_namespace()
    {
        var c = KubeconfigLoader.Load(new ConnectionOptions { Kubeconfig = Stowage() }, _ => null, _dir);
        Assert.Equal(new Uri("https://127.0.0.1:6443"), c.Server);
        Assert.Equal("CA PEM", c.CertificateAuthorityPem);
        Assert.Equal("s3cret", c.Token);
        Assert.Equal("registry", c.Namespace);
    }

    [Fact]
    public void The_namespace_flag_wins_and_default_is_the_fallback()
    {
        var path = Stowage();
        Assert.Equal("web", KubeconfigLoader.Load(new ConnectionOptions { Kubeconfig = path, Namespace = "web" }, _ => null, _dir).Namespace);
        Write("certs.yaml", """
            users:
            - name: certs
              user:
                client-certificate: client.crt
                client-key: client.key
            """);
        File.WriteAllText(Path.Combine(_dir, "client.crt"), "CERT");
        File.WriteAllText(Path.Combine(_dir, "client.key"), "KEY");
        var merged = $"{path}:{Path.Combine(_dir, "certs.yaml")}:{Path.Combine(_dir, "missing.yaml")}";
        var other = KubeconfigLoader.Load(new ConnectionOptions { Context = "other" }, v => v == "KUBECONFIG" ? merged : null, _dir);
        Assert.Equal("default", other.Namespace);
        Assert.Equal("CERT", other.ClientCertificatePem);
        Assert.Equal("KEY", other.ClientKeyPem);
        Assert.Null(other.Token);
    }

    [Fact]
    public void Home_kube_config_is_used_without_KUBECONFIG()
    {
        Directory.CreateDirectory(Path.Combine(_dir, ".kube"));
        File.Copy(Stowage(), Path.Combine(_dir, ".kube", "config"));
        Assert.Equal("registry", KubeconfigLoader.Load(new ConnectionOptions(), _ => null, _dir).Namespace);
    }

    [Fact]
    public void Unknown_contexts_and_missing_files_are_errors()
    {
        var path = Stowage();
        Assert.Equal("context was not found for specified context: nope",
            Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new ConnectionOptions { Kubeconfig = path, Context = "nope" }, _ => null, _dir)).Message);
        Assert.Equal("stat /no/such/file: no such file or directory",
            Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(new ConnectionOptions { Kubeconfig = "/no/such/file" }, _ => null, _dir)).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
