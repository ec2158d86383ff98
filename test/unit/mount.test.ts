// Mount-script generation: golden scripts for every kind x OS x method, the documented
// commands and options asserted line by line, validation, warnings and recommendations.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultMountOptions, generateMount, OS_FAMILIES, recommendS3Method, type MountOptions, type MountScript, type OsFamily } from '../../src/services/mount/index.js';
import { StorageError, type StorageInfo } from '../../src/services/types.js';
import { LUSTRE_DNS, lustre, ZFS_DNS, openzfs, WIN_DNS, windows, SVM_NFS, SVM_ISCSI, ontap, efs, ebs, s3 } from '../helpers/mount-fixtures.js';


function gen(info: StorageInfo, opts: Partial<MountOptions> = {}): MountScript {
  return generateMount(info, { ...defaultMountOptions(info), ...opts });
}
function section(s: MountScript, title: 'install' | 'mount' | 'persist' | 'unmount'): string[] {
  return (s.sections.find((x) => x.title === title)?.lines ?? []).map((l) => l.trim());
}
function validationOf(fn: () => unknown): StorageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StorageError);
    const err = e as StorageError;
    expect(err.type).toBe('validation');
    expect(err.service).toBe('local');
    expect(err.hint.length).toBeGreaterThan(10);
    return err;
  }
  throw new Error('expected a validation error');
}

// ---------------------------------------------------------------------------
// Golden files: every kind x method x OS, reviewed against the documentation.

interface Variant {
  file: string;
  info: StorageInfo;
  opts: Partial<MountOptions>;
  oses?: readonly OsFamily[];
}
const VARIANTS: Variant[] = [
  { file: 'fsx-lustre', info: lustre, opts: {} },
  { file: 'fsx-openzfs', info: openzfs, opts: { openZfsVolumeId: 'fsvol-0child000000000002' } },
  { file: 'fsx-windows-credentials-file', info: windows, opts: { windowsAuth: 'credentials-file' } },
  { file: 'fsx-windows-kerberos', info: windows, opts: { windowsAuth: 'kerberos', smbVersion: '3.1.1', readOnly: true } },
  { file: 'fsx-windows-powershell', info: windows, opts: { client: 'windows', mountPoint: 'Z:' }, oses: ['al2023'] },
  { file: 'fsx-ontap-nfs', info: ontap, opts: { ontapProtocol: 'nfs', nfsVersion: '4.1' } },
  { file: 'fsx-ontap-smb', info: ontap, opts: { ontapProtocol: 'smb', windowsAuth: 'kerberos' } },
  { file: 'fsx-ontap-iscsi', info: ontap, opts: { ontapProtocol: 'iscsi' } },
  { file: 'efs-efs-utils', info: efs, opts: { efsMode: 'efs-utils', efsIam: true, efsAccessPointId: 'fsap-0123456789abcdef0', instanceAz: 'us-east-1a' } },
  { file: 'efs-nfs', info: efs, opts: { efsMode: 'nfs', efsIam: false, instanceAz: 'us-east-1b' } },
  { file: 'ebs-xfs', info: ebs, opts: { ebsFsType: 'xfs' } },
  { file: 'ebs-ext4', info: ebs, opts: { ebsFsType: 'ext4' } },
  { file: 's3-mountpoint', info: s3, opts: { s3Method: 'mountpoint', s3Prefix: 'runs/2024', s3CacheDir: '/var/cache/mountpoint', s3AllowDelete: true } },
  { file: 's3-s3fs', info: s3, opts: { s3Method: 's3fs', s3Prefix: 'runs/2024/' } },
  { file: 's3-s3fs-passwd-file', info: s3, opts: { s3Method: 's3fs', s3fsAuth: 'passwd-file', readOnly: true } },
  { file: 's3-goofys', info: s3, opts: { s3Method: 'goofys' } },
  { file: 's3-rclone', info: s3, opts: { s3Method: 'rclone', s3Prefix: 'runs', s3CacheDir: '/scratch/rclone-cache' } },
];

function goldenText(v: Variant): string {
  const parts: string[] = [];
  for (const os of v.oses ?? OS_FAMILIES) {
    const s = gen(v.info, { os, ...v.opts });
    parts.push(`==== ${os} | ${s.kind} | ${s.method} | ${s.language} ====`, s.script, '---- warnings', ...s.warnings, '---- notes', ...s.notes, '');
  }
  return parts.join('\n');
}

describe('golden mount scripts', () => {
  for (const v of VARIANTS) {
    it(`${v.file} matches the reviewed golden file`, async () => {
      await expect(goldenText(v)).toMatchFileSnapshot(`./__golden__/mount/${v.file}.txt`);
    });
  }

  const dir = mkdtempSync(join(tmpdir(), 'prism-mount-syntax-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('every generated bash script passes bash -n (including hostile values)', () => {
    const hostile = ["/mnt/a b'c\"$(x)`y`;z\n*?[q]#\\", '/mnt/plain'];
    let n = 0;
    for (const v of VARIANTS) {
      for (const os of v.oses ?? OS_FAMILIES) {
        for (const mountPoint of v.opts.client === 'windows' ? [] : hostile) {
          const s = gen(v.info, { os, ...v.opts, mountPoint, ...(v.info.type === 's3' ? { s3Prefix: "p r'e$(x)\n`y`/" } : {}) });
          expect(s.language).toBe('bash');
          const file = join(dir, `s${n++}.sh`);
          writeFileSync(file, s.script);
          const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
          expect(r.status, `${v.file} ${os}: ${r.stderr}`).toBe(0);
          expect(s.script.startsWith('#!/usr/bin/env bash\n')).toBe(true);
          expect(s.script).toContain('\nset -euo pipefail\n');
        }
      }
    }
    expect(n).toBeGreaterThan(100);
  }, 120_000);
});

// ---------------------------------------------------------------------------
// FSx for Lustre.

describe('FSx for Lustre', () => {
  it('mounts DNS name @tcp:/ MountName with relatime,flock', () => {
    const s = gen(lustre, { os: 'al2023', mountPoint: '/mnt/fsx' });
    expect(section(s, 'mount')).toContain(`mount -t lustre -o relatime,flock ${LUSTRE_DNS}@tcp:/abcdefgh /mnt/fsx`);
    expect(gen(lustre, { readOnly: true })).toSatisfy((x: MountScript) => section(x, 'mount').includes(`mount -t lustre -o relatime,flock,ro ${LUSTRE_DNS}@tcp:/abcdefgh /mnt/fsx`));
  });

  it('persists with the documented fstab options; the network unit follows the OS', () => {
    const unit: Record<OsFamily, string> = {
      al2023: 'systemd-networkd-wait-online.service',
      ubuntu: 'systemd-networkd-wait-online.service',
      al2: 'network.service',
      rhel: 'network-online.target',
    };
    for (const os of OS_FAMILIES) {
      const text = section(gen(lustre, { os }), 'persist').join('\n');
      expect(text).toContain(`'${LUSTRE_DNS}@tcp:/abcdefgh /mnt/fsx lustre defaults,relatime,flock,_netdev,x-systemd.automount,x-systemd.requires=${unit[os]} 0 0'`);
    }
  });

  it('installs the client per OS with the documented kernel checks and repositories', () => {
    const al2023 = section(gen(lustre, { os: 'al2023' }), 'install').join('\n');
    expect(al2023).toContain('6.1.*) prism_min=6.1.79-99.167.amzn2023 ;;');
    expect(al2023).toContain('6.12.*)');
    expect(al2023).toContain('dnf install -y lustre-client');
    expect(al2023).toContain('sudo dnf -y update kernel && sudo reboot');
    const al2 = section(gen(lustre, { os: 'al2' }), 'install').join('\n');
    expect(al2).toContain('5.10.*) prism_min=5.10.144-127.601.amzn2 ;;');
    expect(al2).toContain('5.4.*) prism_min=5.4.214-120.368.amzn2 ;;');
    expect(al2).toContain('4.14.*) prism_min=4.14.294-220.533.amzn2 ;;');
    expect(al2).toContain('amazon-linux-extras install -y lustre');
    const ubuntu = section(gen(lustre, { os: 'ubuntu' }), 'install').join('\n');
    expect(ubuntu).toContain('wget -O - https://fsx-lustre-client-repo-public-keys.s3.amazonaws.com/fsx-ubuntu-public-key.asc | gpg --dearmor | tee /usr/share/keyrings/fsx-ubuntu-public-key.gpg >/dev/null');
    expect(ubuntu).toContain('deb [signed-by=/usr/share/keyrings/fsx-ubuntu-public-key.gpg] https://fsx-lustre-client-repo.s3.amazonaws.com/ubuntu $(lsb_release -cs) main');
    expect(ubuntu).toContain('apt-get install -y "lustre-client-modules-$(uname -r)"');
    expect(ubuntu).toContain('linux-aws lustre-client-modules-aws');
    const rhel = section(gen(lustre, { os: 'rhel' }), 'install').join('\n');
    expect(rhel).toContain('rpm --import /tmp/fsx-rpm-public-key.asc');
    expect(rhel).toContain('https://fsx-lustre-client-repo.s3.amazonaws.com/el/${prism_el}/fsx-lustre-client.repo');
    expect(rhel).toContain('9:5.14.0-570*) prism_release=9.6 ;;');
    expect(rhel).toContain('8:4.18.0-513*) prism_release=8.9 ;;');
    expect(rhel).toContain('sed -i "s#${prism_el}#${prism_release}#" /etc/yum.repos.d/aws-fsx.repo');
    expect(rhel).toContain('yum install -y kmod-lustre-client lustre-client');
  });

  it('never uses the file-system id (or a guessed "fsx") as the mount name when MountName is unknown', () => {
    const moto: StorageInfo = { ...lustre, mount: { dnsName: LUSTRE_DNS } };
    const s = gen(moto);
    expect(s.warnings.join(' ')).toMatch(/mount name \(MountName\) of fs-0123456789abcdef0 is unknown/);
    expect(s.script).not.toMatch(/@tcp:\//);
    expect(s.script).not.toMatch(/mount -t lustre/);
    expect(section(s, 'mount').join('\n')).toContain('exit 1');
    expect(section(s, 'persist').join('\n')).toContain('exit 1');
    // And with the name known, the id appears only in the DNS name, never after @tcp:/.
    expect(gen(lustre).script).not.toContain('@tcp:/fs-');
  });
});

// ---------------------------------------------------------------------------
// FSx for OpenZFS.

describe('FSx for OpenZFS', () => {
  it('mounts the chosen volume path with the recommended options; root volume by default', () => {
    expect(section(gen(openzfs, { os: 'al2023', openZfsVolumeId: 'fsvol-0child000000000002' }), 'mount')).toContain(
      `mount -t nfs -o nfsvers=4.1,nconnect=16,rsize=1048576,wsize=1048576,timeo=600 ${ZFS_DNS}:/fsx/projects /mnt/fsx`,
    );
    expect(section(gen(openzfs, {}), 'mount').join('\n')).toContain(`${ZFS_DNS}:/fsx /mnt/fsx`);
  });

  it('offers NFS v3, 4.0, 4.1 and 4.2', () => {
    for (const v of ['3', '4.0', '4.1', '4.2'] as const) expect(section(gen(openzfs, { nfsVersion: v }), 'mount').join('\n')).toContain(`-o nfsvers=${v},`);
  });

  it('caps rsize/wsize for 64 and 128 MB/s file systems and leaves nconnect out on Amazon Linux 2', () => {
    expect(section(gen({ ...openzfs, throughputMBps: 64 }), 'mount').join('\n')).toContain('rsize=262144,wsize=262144');
    expect(section(gen({ ...openzfs, throughputMBps: 128 }), 'mount').join('\n')).toContain('rsize=524288,wsize=524288');
    const al2 = gen(openzfs, { os: 'al2' });
    expect(al2.script).not.toContain('nconnect');
    expect(al2.notes.join(' ')).toContain('nconnect=16 is left out on Amazon Linux 2');
  });

  it('persists with _netdev', () => {
    expect(section(gen(openzfs), 'persist').join('\n')).toContain(`'${ZFS_DNS}:/fsx /mnt/fsx nfs nfsvers=4.1,nconnect=16,rsize=1048576,wsize=1048576,timeo=600,_netdev 0 0'`);
  });

  it('rejects a volume id that is not one of the file system', () => {
    const err = validationOf(() => gen(openzfs, { openZfsVolumeId: 'fsvol-0nope' }));
    expect(err.hint).toContain('fsvol-0child000000000002');
  });
});

// ---------------------------------------------------------------------------
// FSx for Windows File Server.

describe('FSx for Windows File Server', () => {
  it('Kerberos: sec=krb5 with the chosen SMB version, read-only when asked', () => {
    const s = gen(windows, { windowsAuth: 'kerberos', smbVersion: '3.1.1', readOnly: true });
    expect(section(s, 'mount')).toContain(`mount -t cifs -o vers=3.1.1,sec=krb5,rsize=130048,wsize=130048,cache=none,ro //${WIN_DNS}/share /mnt/fsx`);
    expect(section(s, 'install').join('\n')).toContain('dnf install -y cifs-utils krb5-workstation keyutils');
  });

  it('credentials file: created empty with install -m 600 /dev/null, never filled in by the script', () => {
    const s = gen(windows, { windowsAuth: 'credentials-file' });
    const cred = '/root/.prism-storage/fs-0bbbbbbbbbbbbbbb2.smb-credentials';
    const mount = section(s, 'mount').join('\n');
    expect(mount).toContain(`install -m 600 /dev/null ${cred}`);
    expect(mount).toContain(`mount -t cifs -o vers=3.0,sec=ntlmsspi,credentials=${cred},rsize=130048,wsize=130048,cache=none //${WIN_DNS}/share /mnt/fsx`);
    expect(s.script).not.toMatch(new RegExp(`(tee|>)[^\\n]*${cred.replace(/[.]/g, '\\.')}`));
  });

  it('Windows client: New-PSDrive -Persist with the UNC path, net use documented in the notes', () => {
    const s = gen(windows, { client: 'windows', mountPoint: 'z:', windowsShare: "it's" });
    expect(s.language).toBe('powershell');
    expect(section(s, 'mount')).toContain(`New-PSDrive -Name 'Z' -PSProvider FileSystem -Root '\\\\${WIN_DNS}\\it''s' -Persist -Scope Global | Out-Null`);
    expect(s.notes.join('\n')).toContain(`net use Z: \\\\${WIN_DNS}\\it's /persistent:yes`);
    expect(s.script.startsWith('#Requires -Version 5.1\n')).toBe(true);
  });

  it('a Windows client needs a drive letter; a Linux client an absolute path', () => {
    validationOf(() => gen(windows, { client: 'windows', mountPoint: '/mnt/fsx' }));
    validationOf(() => gen(windows, { client: 'windows', mountPoint: 'C:' }));
    validationOf(() => gen(windows, { client: 'linux', mountPoint: 'Z:' }));
    validationOf(() => gen(windows, { windowsShare: 'a/b' }));
  });
});

// ---------------------------------------------------------------------------
// FSx for NetApp ONTAP.

describe('FSx for NetApp ONTAP', () => {
  it('NFS to the SVM NFS endpoint and the volume junction path (first non-root volume by default)', () => {
    expect(section(gen(ontap, { ontapProtocol: 'nfs', nfsVersion: '3' }), 'mount')).toContain(`mount -t nfs -o nfsvers=3 ${SVM_NFS}:/data /mnt/fsx`);
    const d = defaultMountOptions(ontap);
    expect(d).toMatchObject({ ontapProtocol: 'nfs', ontapSvmId: 'svm-0123456789abcdef0', ontapVolumeId: 'fsvol-0data000000000000b' });
  });

  it('SMB to the SVM SMB endpoint when it has Active Directory; refused otherwise', () => {
    const s = gen(ontap, { ontapProtocol: 'smb', windowsAuth: 'kerberos' });
    expect(section(s, 'mount')).toContain('mount -t cifs -o vers=3.0,sec=krb5,rsize=130048,wsize=130048,cache=none //SVM1.CORP.EXAMPLE.COM/data /mnt/fsx');
    const err = validationOf(() => gen(ontap, { ontapProtocol: 'smb', ontapSvmId: 'svm-0fedcba9876543210', ontapVolumeId: undefined }));
    expect(err.message).toContain('not joined to Active Directory');
  });

  it('iSCSI: initiator + multipath, discovery against the SVM iSCSI endpoint, 4 sessions, login', () => {
    const rpm = gen(ontap, { ontapProtocol: 'iscsi', os: 'al2023' });
    const install = section(rpm, 'install').join('\n');
    expect(install).toContain('dnf install -y device-mapper-multipath iscsi-initiator-utils');
    expect(install).toContain("sed -i 's/node.session.timeo.replacement_timeout = .*/node.session.timeo.replacement_timeout = 5/' /etc/iscsi/iscsid.conf");
    expect(install).toContain('mpathconf --enable --with_multipathd y');
    expect(section(gen(ontap, { ontapProtocol: 'iscsi', os: 'ubuntu' }), 'install').join('\n')).toContain('apt-get install -y open-iscsi multipath-tools');
    const mount = section(rpm, 'mount').join('\n');
    expect(mount).toContain(`getent ahostsv4 ${SVM_ISCSI}`);
    expect(mount).toContain('iscsiadm --mode discovery --op update --type sendtargets --portal "$prism_portal"');
    expect(mount).toContain('iscsiadm --mode node -T "$prism_target" --op update -n node.session.nr_sessions -v 4');
    expect(mount).toContain('iscsiadm --mode node -T "$prism_target" --login');
    expect(section(rpm, 'persist').join('\n')).toContain('--op update -n node.startup -v automatic');
  });

  it('rejects unknown SVM and volume ids', () => {
    validationOf(() => gen(ontap, { ontapSvmId: 'svm-0nope' }));
    validationOf(() => gen(ontap, { ontapVolumeId: 'fsvol-0nope' }));
    validationOf(() => gen({ ...ontap, mount: {} }));
  });
});

// ---------------------------------------------------------------------------
// EFS.

describe('Amazon EFS', () => {
  it('mount helper with TLS, IAM and an access point; fstab with _netdev,noresvport', () => {
    const s = gen(efs, { efsMode: 'efs-utils', efsIam: true, efsAccessPointId: 'fsap-0123456789abcdef0', instanceAz: 'us-east-1a' });
    expect(section(s, 'mount')).toContain('mount -t efs -o tls,iam,accesspoint=fsap-0123456789abcdef0 fs-0ddddddddddddddd4:/ /mnt/efs');
    expect(section(s, 'persist').join('\n')).toContain("'fs-0ddddddddddddddd4:/ /mnt/efs efs _netdev,noresvport,tls,iam,accesspoint=fsap-0123456789abcdef0 0 0'");
    expect(s.warnings).toEqual([]);
    expect(section(gen(efs, { efsIam: false }), 'mount')).toContain('mount -t efs -o tls fs-0ddddddddddddddd4:/ /mnt/efs');
  });

  it('plain NFS with the documented options', () => {
    const s = gen(efs, { efsMode: 'nfs', efsIam: false });
    expect(section(s, 'mount')).toContain('mount -t nfs4 -o nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport fs-0ddddddddddddddd4.efs.us-east-1.amazonaws.com:/ /mnt/efs');
    expect(section(s, 'persist').join('\n')).toContain(
      "'fs-0ddddddddddddddd4.efs.us-east-1.amazonaws.com:/ /mnt/efs nfs4 nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport,_netdev 0 0'",
    );
  });

  it('warns when the instance AZ has no mount target and connects through another AZ', () => {
    const oneTarget: StorageInfo = { ...efs, mount: { ...efs.mount, efsMountTargets: [efs.mount.efsMountTargets![0]] } };
    const helper = gen(oneTarget, { efsMode: 'efs-utils', instanceAz: 'us-east-1c' });
    expect(helper.warnings.join(' ')).toContain('has no mount target in us-east-1c');
    expect(section(helper, 'mount').join('\n')).toContain('-o tls,iam,az=us-east-1a ');
    const nfs = gen(oneTarget, { efsMode: 'nfs', efsIam: false, instanceAz: 'us-east-1c' });
    expect(section(nfs, 'mount').join('\n')).toContain('us-east-1a.fs-0ddddddddddddddd4.efs.us-east-1.amazonaws.com:/ /mnt/efs');
    expect(gen({ ...efs, mount: { ...efs.mount, efsMountTargets: [] } }).warnings.join(' ')).toContain('no available mount target');
  });

  it('installs amazon-efs-utils from the Amazon Linux repositories, or builds it from source', () => {
    expect(section(gen(efs, { os: 'al2023' }), 'install').join('\n')).toContain('dnf install -y amazon-efs-utils');
    expect(section(gen(efs, { os: 'al2' }), 'install').join('\n')).toContain('yum install -y amazon-efs-utils');
    const ubuntu = section(gen(efs, { os: 'ubuntu' }), 'install').join('\n');
    expect(ubuntu).toContain('git clone --depth 1 https://github.com/aws/efs-utils');
    expect(ubuntu).toContain('./build-deb.sh');
    expect(ubuntu).toContain('rustc cargo');
    expect(section(gen(efs, { os: 'rhel' }), 'install').join('\n')).toContain('make rpm');
    expect(section(gen(efs, { efsMode: 'nfs', efsIam: false, os: 'ubuntu' }), 'install').join('\n')).toContain('apt-get install -y nfs-common');
  });

  it('access points and IAM need the mount helper; EFS serves only NFS 4.0 and 4.1', () => {
    validationOf(() => gen(efs, { efsMode: 'nfs', efsIam: false, efsAccessPointId: 'fsap-0123456789abcdef0' }));
    validationOf(() => gen(efs, { efsMode: 'nfs', efsIam: true }));
    validationOf(() => gen(efs, { efsMode: 'nfs', efsIam: false, nfsVersion: '3' }));
    validationOf(() => gen(efs, { efsAccessPointId: 'fsap-0ffffffffffffffff' }));
  });
});

// ---------------------------------------------------------------------------
// EBS.

describe('Amazon EBS', () => {
  it('finds the device by the NVMe serial (volume id without the dash), then the Xen names', () => {
    const mount = section(gen(ebs), 'mount').join('\n');
    expect(mount).toContain('for prism_candidate in /dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0 /dev/xvdf /dev/sdf; do');
  });

  it('formats only after blkid and file -s both find nothing, with the chosen file system', () => {
    const xfs = section(gen(ebs, { ebsFsType: 'xfs' }), 'mount').join('\n');
    expect(xfs).toContain('blkid -p -o export -- "$prism_dev"');
    expect(xfs).toContain('file -s -L -b -- "$prism_dev"');
    expect(xfs).toContain('mkfs -t xfs "$prism_dev"');
    expect(section(gen(ebs, { ebsFsType: 'ext4' }), 'install').join('\n')).toContain('dnf install -y e2fsprogs file');
    expect(section(gen(ebs, { ebsFsType: 'ext4' }), 'mount').join('\n')).toContain('mkfs -t ext4 "$prism_dev"');
  });

  it('persists by UUID with defaults,nofail 0 2', () => {
    expect(section(gen(ebs), 'persist')).toContain('prism_line="UUID=$prism_uuid $prism_mp $prism_type defaults,nofail 0 2"');
  });

  it('warns about unattached, multi-attached and other-AZ volumes', () => {
    expect(gen({ ...ebs, mount: { ebsAttachments: [] } }).warnings.join(' ')).toContain('is not attached to any instance');
    const two = { ...ebs, mount: { ebsAttachments: [...ebs.mount.ebsAttachments!, { instanceId: 'i-0fedcba9876543210', device: '/dev/sdg', state: 'attached' }] } };
    expect(gen(two).warnings.join(' ')).toContain('Multi-Attach');
    expect(gen(ebs, { instanceAz: 'us-east-1b' }).warnings.join(' ')).toContain('attaches only to instances in its own AZ');
  });
});

// ---------------------------------------------------------------------------
// S3.

describe('Amazon S3', () => {
  it('Mountpoint: mount-s3 flags and the documented fstab form', () => {
    const s = gen(s3, { s3Method: 'mountpoint', s3Prefix: 'runs/2024', s3CacheDir: '/var/cache/mp', s3AllowDelete: true, s3AllowOverwrite: true });
    expect(section(s, 'mount')).toContain('mount-s3 --prefix=runs/2024/ --cache=/var/cache/mp --allow-delete --allow-overwrite --region=us-west-2 genomics-data /mnt/s3');
    expect(section(s, 'persist').join('\n')).toContain("'s3://genomics-data/runs/2024/ /mnt/s3 mount-s3 _netdev,nosuid,nodev,nofail,rw,cache=/var/cache/mp,allow-delete,allow-overwrite,region=us-west-2 0 0'");
    const ro = gen(s3, { s3Method: 'mountpoint', readOnly: true, s3AllowDelete: true });
    expect(section(ro, 'mount')).toContain('mount-s3 --read-only --region=us-west-2 genomics-data /mnt/s3');
    expect(ro.warnings.join(' ')).toContain('allow-delete and allow-overwrite are ignored');
    const install = section(gen(s3, { s3Method: 'mountpoint', os: 'ubuntu' }), 'install').join('\n');
    expect(install).toContain('https://s3.amazonaws.com/mountpoint-s3-release/latest/${prism_arch}/mount-s3.deb');
    expect(install).toContain('aarch64) prism_arch=arm64 ;;');
  });

  it('s3fs: instance role by default, a mode-600 passwd file on request, never keys in the script', () => {
    const role = gen(s3, { s3Method: 's3fs' });
    expect(section(role, 'mount')).toContain('s3fs genomics-data /mnt/s3 -o iam_role=auto,allow_other,url=https://s3.us-west-2.amazonaws.com,endpoint=us-west-2');
    expect(section(role, 'persist').join('\n')).toContain("'genomics-data /mnt/s3 fuse.s3fs _netdev,iam_role=auto,allow_other,url=https://s3.us-west-2.amazonaws.com,endpoint=us-west-2 0 0'");
    const file = gen(s3, { s3Method: 's3fs', s3fsAuth: 'passwd-file' });
    expect(section(file, 'mount').join('\n')).toContain('install -m 600 /dev/null /etc/passwd-s3fs');
    expect(section(file, 'mount').join('\n')).toContain('-o passwd_file=/etc/passwd-s3fs,allow_other');
    expect(section(gen(s3, { s3Method: 's3fs', os: 'al2' }), 'install').join('\n')).toContain('amazon-linux-extras install -y epel');
    expect(section(gen(s3, { s3Method: 's3fs', os: 'ubuntu' }), 'install').join('\n')).toContain('apt-get install -y s3fs');
  });

  it('goofys: flagged as unmaintained (last release 2020)', () => {
    const s = gen(s3, { s3Method: 'goofys', s3Prefix: 'runs/' });
    expect(s.warnings.join(' ')).toMatch(/goofys is unmaintained: its last release, v0\.24\.0, dates from 2020/);
    expect(section(s, 'mount')).toContain('goofys -o allow_other --file-mode=0666 --region=us-west-2 genomics-data:runs /mnt/s3');
    expect(section(s, 'persist').join('\n')).toContain("'goofys#genomics-data:runs /mnt/s3 fuse _netdev,allow_other,--file-mode=0666,--region=us-west-2 0 0'");
  });

  it('rclone: env_auth remote, rclone mount --daemon, the mount.rclone fstab form', () => {
    const s = gen(s3, { s3Method: 'rclone' });
    expect(section(s, 'install').join('\n')).toContain('rclone config create prism-genomics-data s3 provider=AWS env_auth=true region=us-west-2 --config=/etc/rclone.conf --non-interactive');
    expect(section(s, 'mount')).toContain('rclone mount prism-genomics-data:genomics-data /mnt/s3 --config=/etc/rclone.conf --vfs-cache-mode=writes --cache-dir=/var/cache/rclone --allow-other --daemon');
    const persist = section(s, 'persist').join('\n');
    expect(persist).toContain('ln -s "$(command -v rclone)" /sbin/mount.rclone');
    expect(persist).toContain(
      "'prism-genomics-data:genomics-data /mnt/s3 rclone rw,noauto,nofail,_netdev,x-systemd.automount,args2env,vfs_cache_mode=writes,config=/etc/rclone.conf,cache_dir=/var/cache/rclone,allow_other 0 0'",
    );
    expect(section(gen(s3, { s3Method: 'rclone', s3CacheDir: '/scratch/c' }), 'mount').join('\n')).toContain('--vfs-cache-mode=full --cache-dir=/scratch/c');
  });

  it('rejects cache directories that cannot go into a mount option list', () => {
    validationOf(() => gen(s3, { s3CacheDir: '/var/cache/a,b' }));
    validationOf(() => gen(s3, { s3CacheDir: 'relative/dir' }));
    validationOf(() => gen(s3, { s3CacheDir: '/var/cache/new\nline' }));
  });
});

describe('recommendS3Method', () => {
  it('follows the architecture rule and explains it', () => {
    expect(recommendS3Method({ sequentialBigReads: true, posix: true }).method).toBe('mountpoint');
    expect(recommendS3Method({ posix: true, randomAccess: true }).method).toBe('s3fs');
    expect(recommendS3Method({ randomAccess: true }).method).toBe('goofys');
    expect(recommendS3Method({}).method).toBe('rclone');
    expect(recommendS3Method({ randomAccess: true }).reason).toContain('unmaintained');
    for (const n of [{ sequentialBigReads: true }, { posix: true }, {}]) expect(recommendS3Method(n).reason.length).toBeGreaterThan(40);
  });
});

// ---------------------------------------------------------------------------
// Cross-cutting.

describe('every script', () => {
  const all: MountScript[] = [];
  for (const v of VARIANTS) for (const os of v.oses ?? OS_FAMILIES) all.push(gen(v.info, { os, ...v.opts }));

  it('holds no secret: no access keys, passwords or secret keys, only empty mode-600 credential files', () => {
    for (const s of all) {
      expect(s.script).not.toMatch(/AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}/);
      expect(s.script).not.toMatch(/aws_secret_access_key|AWS_SECRET_ACCESS_KEY|secret_key|SecretAccessKey/);
      // "password=" appears only as the pattern checking the user's file or as a "password=..." placeholder: never a value.
      expect(s.script).not.toMatch(/password=(?!'|\.\.\.)/);
      expect(s.script).not.toMatch(/-Credential|ConvertTo-SecureString|passwd\s/);
    }
  });

  it('has the four sections; unmount undoes persist', () => {
    for (const s of all) {
      expect(s.sections.map((x) => x.title)).toEqual(['install', 'mount', 'persist', 'unmount']);
      if (s.language === 'bash' && s.method !== 'iscsi') expect(section(s, 'unmount').join('\n')).toMatch(/umount --/);
    }
  });

  it('warns when the resource is not available yet', () => {
    expect(gen({ ...lustre, state: 'creating', rawState: 'CREATING' }).warnings[0]).toBe('fs-0123456789abcdef0 is CREATING: mounting fails until it is available.');
  });
});

describe('validation', () => {
  it('rejects mount points that are relative, system directories or contain . / .. segments', () => {
    for (const mp of ['mnt/data', '', '/', '/etc', '/usr/', '//boot', '/mnt/../etc', '/mnt/./x', '/var']) validationOf(() => gen(lustre, { mountPoint: mp }));
    expect(() => gen(lustre, { mountPoint: '/home' })).not.toThrow();
  });

  it('rejects NUL bytes, unknown versions and a Windows client for NFS storage', () => {
    validationOf(() => gen(lustre, { mountPoint: '/mnt/a\0b' }));
    validationOf(() => gen(openzfs, { nfsVersion: '5' as '4.2' }));
    validationOf(() => gen(windows, { smbVersion: '1.0' as '3.0' }));
    validationOf(() => gen(efs, { client: 'windows', mountPoint: 'Z:' }));
    validationOf(() => gen(lustre, { os: 'centos' as OsFamily }));
  });
});

describe('defaultMountOptions', () => {
  it('starts every kind on Amazon Linux 2023, read-write, with a mount point that generates', () => {
    for (const info of [lustre, openzfs, windows, ontap, efs, ebs, s3]) {
      const d = defaultMountOptions(info);
      expect(d.os).toBe('al2023');
      expect(d.readOnly).toBe(false);
      expect(d.mountPoint.startsWith('/mnt/')).toBe(true);
      expect(generateMount(info, d).sections).toHaveLength(4);
    }
    expect(defaultMountOptions(s3)).toMatchObject({ s3Method: 'mountpoint', mountPoint: '/mnt/s3' });
    expect(defaultMountOptions(efs)).toMatchObject({ efsMode: 'efs-utils', efsIam: true });
    expect(defaultMountOptions(windows)).toMatchObject({ windowsAuth: 'credentials-file', smbVersion: '3.0', windowsShare: 'share' });
    expect(defaultMountOptions(openzfs)).toMatchObject({ openZfsVolumeId: 'fsvol-0root0000000000001', nfsVersion: '4.1' });
    expect(defaultMountOptions(ebs)).toMatchObject({ ebsFsType: 'xfs', mountPoint: '/mnt/data' });
  });
});
