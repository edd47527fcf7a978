namespace Stowage.Server.Tests.Protobuf;

/// <summary>
/// Request bodies captured from the real kubectl 1.32.4 against a loopback listener, each with the
/// JSON body that kubectl 1.31 (which sends JSON for the same commands) sent for the same command.
/// The 1.31 JSON is what the decoder must reproduce, byte for byte once serialised.
/// </summary>
internal static class KubectlCaptures
{
    /// <summary><c>kubectl create namespace team-a</c></summary>
    public static readonly KubectlCapture CreateNamespace = new(
        "kubectl create namespace team-a",
        "6b3873000a0f0a02763112094e616d657370616365121e0a160a067465616d2d6112001a0022002a0032003800420012"
        + "001a020a001a002200",
        """
        {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-a","creationTimestamp":null},"spec":{},"status":{}}
        """);

    /// <summary><c>kubectl create secret generic s1 --from-literal=k=v</c></summary>
    public static readonly KubectlCapture CreateSecretFromLiteral = new(
        "kubectl create secret generic s1 --from-literal=k=v",
        "6b3873000a0c0a0276311206536563726574121e0a120a02733112001a0022002a0032003800420012060a016b120176"
        + "1a001a002200",
        """
        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1","creationTimestamp":null},"data":{"k":"dg=="}}
        """);

    /// <summary><c>kubectl create secret generic s2 -n team-a --from-literal=user=admin --from-literal='pass=p@ss w0rd' --type=Opaque</c></summary>
    public static readonly KubectlCapture CreateSecretWithTypeInNamespace = new(
        "kubectl create secret generic s2 -n team-a --from-literal=user=admin --from-literal='pass=p@ss w0rd' --type=Opaque",
        "6b3873000a0c0a027631120653656372657412440a180a02733212001a067465616d2d6122002a003200380042001211"
        + "0a04706173731209704073732077307264120d0a0475736572120561646d696e1a064f70617175651a002200",
        """
        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s2","namespace":"team-a","creationTimestamp":null},"data":{"pass":"cEBzcyB3MHJk","user":"YWRtaW4="},"type":"Opaque"}
        """);

    /// <summary><c>kubectl create secret tls t1 --cert=tls.crt --key=tls.key</c></summary>
    public static readonly KubectlCapture CreateTlsSecret = new(
        "kubectl create secret tls t1 --cert=tls.crt --key=tls.key",
        "6b3873000a0c0a027631120653656372657412e0060a120a02743112001a0022002a0032003800420012b6040a07746c"
        + "732e63727412aa042d2d2d2d2d424547494e2043455254494649434154452d2d2d2d2d0a4d4949426244434341524f67"
        + "417749424167495565317a436b6d4c69716e6564626d50446433514243642f4c4c586777436759494b6f5a497a6a3045"
        + "417749770a4444454b4d416747413155454177774264444165467730794e6a45784d6a49784d6a41334d7a4661467730"
        + "794e6a45784d6a4d784d6a41334d7a46614d4177780a436a414942674e5642414d4d415851775754415442676371686b"
        + "6a4f5051494242676771686b6a4f50514d4242774e434141514c6c773272727974712b6c35540a66646f324a557a4278"
        + "325a7279633332315a6c3447772b697a547370695165337a70656874685a5339493176544d4369644547553473334e75"
        + "49494d7a3671360a4567337876307a516f314d775554416442674e5648513445466751552f6f3170682b6e354f334b70"
        + "5a55584e7748586e504e2b4253524577487759445652306a0a42426777466f41552f6f3170682b6e354f334b705a5558"
        + "4e7748586e504e2b425352457744775944565230544151482f42415577417745422f7a414b426767710a686b6a4f5051"
        + "514441674e4841444245416941686436434738755470653652574e51384a32535135674d666851586d5464716e344b6b"
        + "5a6d5a744774795149670a493934346156545870494a30416b6c55523838793638767a47716971772b417a56494e726e"
        + "6e6470732f6f3d0a2d2d2d2d2d454e442043455254494649434154452d2d2d2d2d0a12fd010a07746c732e6b657912f1"
        + "012d2d2d2d2d424547494e2050524956415445204b45592d2d2d2d2d0a4d494748416745414d424d4742797147534d34"
        + "394167454743437147534d343941774548424730776177494241515167636852506d4a4b5041484c624d6f446e0a4972"
        + "39354e566d37625957366458455969376e317a6277564176716852414e434141514c6c773272727974712b6c35546664"
        + "6f324a557a4278325a72796333320a315a6c3447772b697a547370695165337a70656874685a5339493176544d436964"
        + "4547553473334e7549494d7a3671364567337876307a510a2d2d2d2d2d454e442050524956415445204b45592d2d2d2d"
        + "2d0a1a116b756265726e657465732e696f2f746c731a002200",
        """
        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"t1","creationTimestamp":null},"data":{"tls.crt":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJiRENDQVJPZ0F3SUJBZ0lVZTF6Q2ttTGlxbmVkYm1QRGQzUUJDZC9MTFhnd0NnWUlLb1pJemowRUF3SXcKRERFS01BZ0dBMVVFQXd3QmREQWVGdzB5TmpFeE1qSXhNakEzTXpGYUZ3MHlOakV4TWpNeE1qQTNNekZhTUF3eApDakFJQmdOVkJBTU1BWFF3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQkJ3TkNBQVFMbHcycnJ5dHErbDVUCmZkbzJKVXpCeDJacnljMzIxWmw0R3craXpUc3BpUWUzenBlaHRoWlM5STF2VE1DaWRFR1U0czNOdUlJTXo2cTYKRWczeHYwelFvMU13VVRBZEJnTlZIUTRFRmdRVS9vMXBoK241TzNLcFpVWE53SFhuUE4rQlNSRXdId1lEVlIwagpCQmd3Rm9BVS9vMXBoK241TzNLcFpVWE53SFhuUE4rQlNSRXdEd1lEVlIwVEFRSC9CQVV3QXdFQi96QUtCZ2dxCmhrak9QUVFEQWdOSEFEQkVBaUFoZDZDRzh1VHBlNlJXTlE4SjJTUTVnTWZoUVhtVGRxbjRLa1ptWnRHdHlRSWcKSTk0NGFWVFhwSUowQWtsVVI4OHk2OHZ6R3FpcXcrQXpWSU5ybm5kcHMvbz0KLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=","tls.key":"LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEJHMHdhd0lCQVFRZ2NoUlBtSktQQUhMYk1vRG4KSXI5NU5WbTdiWVc2ZFhFWWk3bjF6YndWQXZxaFJBTkNBQVFMbHcycnJ5dHErbDVUZmRvMkpVekJ4MlpyeWMzMgoxWmw0R3craXpUc3BpUWUzenBlaHRoWlM5STF2VE1DaWRFR1U0czNOdUlJTXo2cTZFZzN4djB6UQotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg=="},"type":"kubernetes.io/tls"}
        """);

    /// <summary><c>kubectl create secret docker-registry d1 --docker-server=reg.example --docker-username=u --docker-password=p</c></summary>
    public static readonly KubectlCapture CreateDockerRegistrySecret = new(
        "kubectl create secret docker-registry d1 --docker-server=reg.example --docker-username=u --docker-password=p",
        "6b3873000a0c0a02763112065365637265741292010a120a02643112001a0022002a00320038004200125c0a112e646f"
        + "636b6572636f6e6669676a736f6e12477b226175746873223a7b227265672e6578616d706c65223a7b22757365726e61"
        + "6d65223a2275222c2270617373776f7264223a2270222c2261757468223a2264547077227d7d7d1a1e6b756265726e65"
        + "7465732e696f2f646f636b6572636f6e6669676a736f6e1a002200",
        """
        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"d1","creationTimestamp":null},"data":{".dockerconfigjson":"eyJhdXRocyI6eyJyZWcuZXhhbXBsZSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0="},"type":"kubernetes.io/dockerconfigjson"}
        """);

    /// <summary><c>kubectl create configmap c1 --from-literal=a=b</c></summary>
    public static readonly KubectlCapture CreateConfigMapFromLiteral = new(
        "kubectl create configmap c1 --from-literal=a=b",
        "6b3873000a0f0a0276311209436f6e6669674d6170121c0a120a02633112001a0022002a0032003800420012060a0161"
        + "1201621a002200",
        """
        {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c1","creationTimestamp":null},"data":{"a":"b"}}
        """);

    /// <summary><c>kubectl create configmap c2 --from-file=app.conf --from-file=blob.bin (bytes 00 01 02 ff fe)</c></summary>
    public static readonly KubectlCapture CreateConfigMapFromTextAndBinaryFiles = new(
        "kubectl create configmap c2 --from-file=app.conf --from-file=blob.bin (bytes 00 01 02 ff fe)",
        "6b3873000a0f0a0276311209436f6e6669674d617012410a120a02633212001a0022002a0032003800420012180a0861"
        + "70702e636f6e66120c6c696e65310a6c696e65320a1a110a08626c6f622e62696e1205000102fffe1a002200",
        """
        {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c2","creationTimestamp":null},"data":{"app.conf":"line1\nline2\n"},"binaryData":{"blob.bin":"AAEC//4="}}
        """);

    /// <summary><c>kubectl create configmap c3 --from-env-file=env.txt --save-config</c></summary>
    public static readonly KubectlCapture CreateConfigMapWithSaveConfig = new(
        "kubectl create configmap c3 --from-env-file=env.txt --save-config",
        "6b3873000a0f0a0276311209436f6e6669674d617012d2010abd010a02633312001a0022002a0032003800420062a801"
        + "0a306b75626563746c2e6b756265726e657465732e696f2f6c6173742d6170706c6965642d636f6e6669677572617469"
        + "6f6e12747b226b696e64223a22436f6e6669674d6170222c2261706956657273696f6e223a227631222c226d65746164"
        + "617461223a7b226e616d65223a226333222c226372656174696f6e54696d657374616d70223a6e756c6c7d2c22646174"
        + "61223a7b2241223a2231222c2242223a2274776f227d7d0a12060a014112013112080a0142120374776f1a002200",
        """
        {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c3","creationTimestamp":null,"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c3\",\"creationTimestamp\":null},\"data\":{\"A\":\"1\",\"B\":\"two\"}}\n"}},"data":{"A":"1","B":"two"}}
        """);

    /// <summary><c>kubectl create namespace team-b --save-config</c></summary>
    public static readonly KubectlCapture CreateNamespaceWithSaveConfig = new(
        "kubectl create namespace team-b --save-config",
        "6b3873000a0f0a02763112094e616d65737061636512c9010ac0010a067465616d2d6212001a0022002a003200380042"
        + "0062a7010a306b75626563746c2e6b756265726e657465732e696f2f6c6173742d6170706c6965642d636f6e66696775"
        + "726174696f6e12737b226b696e64223a224e616d657370616365222c2261706956657273696f6e223a227631222c226d"
        + "65746164617461223a7b226e616d65223a227465616d2d62222c226372656174696f6e54696d657374616d70223a6e75"
        + "6c6c7d2c2273706563223a7b7d2c22737461747573223a7b7d7d0a12001a020a001a002200",
        """
        {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team-b","creationTimestamp":null,"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"team-b\",\"creationTimestamp\":null},\"spec\":{},\"status\":{}}\n"}},"spec":{},"status":{}}
        """);

    /// <summary><c>kubectl create secret generic s3 --from-literal=k=v --dry-run=server</c></summary>
    public static readonly KubectlCapture CreateSecretServerDryRun = new(
        "kubectl create secret generic s3 --from-literal=k=v --dry-run=server",
        "6b3873000a0c0a0276311206536563726574121e0a120a02733312001a0022002a0032003800420012060a016b120176"
        + "1a001a002200",
        """
        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"s3","creationTimestamp":null},"data":{"k":"dg=="}}
        """);

    /// <summary><c>kubectl create serviceaccount sa1</c>: a kind the decoder does not support.</summary>
    public const string CreateServiceAccountHex = "6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022002a003200380042001a002200";

    public static IEnumerable<KubectlCapture> All =>
    [
        CreateNamespace,
        CreateSecretFromLiteral,
        CreateSecretWithTypeInNamespace,
        CreateTlsSecret,
        CreateDockerRegistrySecret,
        CreateConfigMapFromLiteral,
        CreateConfigMapFromTextAndBinaryFiles,
        CreateConfigMapWithSaveConfig,
        CreateNamespaceWithSaveConfig,
        CreateSecretServerDryRun,
    ];
}
