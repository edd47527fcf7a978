namespace Stowage.KubectlVolume;

/// <summary>The help text.</summary>
internal static class Usage
{
    /// <summary><c>kubectl volume --help</c>.</summary>
    public const string Text = """
        List, add or remove volumes on a pod template (OpenShift's `oc set volume`, as a kubectl plugin).

        Works on anything with a pod template (deployments, replicationcontrollers, replicasets, statefulsets,
        daemonsets, jobs, cronjobs) and lists the volumes of pods. Changing a workload's template makes its
        controller roll out new pods; a pod's volumes cannot be changed once it exists.

        Volume types (-t): emptyDir (default), hostPath (--path), secret (--secret-name),
        configmap (--configmap-name), persistentVolumeClaim or pvc (--claim-name, --claim-size to create
        the claim); any other source as JSON with --source.

        Examples:
          # List the volumes of a deployment (or of every deployment)
          kubectl volume deployments/docker-registry --all
          kubectl volume deploy --all

          # Put a claim behind an existing volume; its mount path stays as it was
          kubectl volume deploy/docker-registry --add --name=registry-storage -t pvc --claim-name=docker-registry-claim --overwrite

          # Create a 1Gi claim and mount it at /data in every container
          kubectl volume rc/myapp --add --name=data -t pvc --claim-name=data --claim-size=1Gi --mount-path=/data

          # Remove a volume and its mounts; remove all volumes
          kubectl volume deploy/myapp --remove --name=v1
          kubectl volume deploy/myapp --remove --confirm

        Options:
              --add=false: Add volume and/or volume mounts for containers
              --remove=false: Remove volume and/or volume mounts for containers
              --all=false: Select all resources in the namespace of the specified resource types
          -l, --selector='': Selector (label query) to filter on
              --name='': Name of the volume; generated for --add when empty
          -c, --containers='*': The containers to change: names, comma-separated, may use * wildcards
              --confirm=false: Confirm removing more than one volume
          -t, --type='': emptyDir, hostPath, secret, configmap, persistentVolumeClaim (pvc)
          -m, --mount-path='': Mount path inside the container
              --sub-path='': Path within the volume to mount
              --read-only=false: Mount the volume read-only
              --overwrite=false: Replace an existing volume of that name (and its mounts, with --mount-path)
              --path='': Host path for hostPath
              --secret-name='': Secret for secret
              --configmap-name='': Config map for configmap
              --default-mode='': Mode bits for secret and configmap files (0000 to 0777, default 0644)
              --claim-name='': Claim for persistentVolumeClaim
              --claim-size='': Create the claim with this size (e.g. 1Gi)
              --claim-mode='ReadWriteOnce': The new claim's access mode: ReadWriteOnce (rwo), ReadWriteMany (rwm), ReadOnlyMany (rom)
              --claim-class='': The new claim's StorageClass
              --source='': A volume source as JSON, e.g. '{"nfs": {"server": "10.0.0.2", "path": "/exports"}}'
              --dry-run='none': none, client or server
          -o, --output='': json, yaml or name

        kubectl's connection flags (--kubeconfig, --context, --cluster, --user, -n/--namespace, -s/--server,
        --token, --certificate-authority, --client-certificate, --client-key, --insecure-skip-tls-verify)
        are honoured. Usage:
          kubectl volume RESOURCE/NAME... [--add|--remove] [options]
        """;
}
