// aws-xray-sdk-core (behind the Powertools Tracer) requires `semver` only in its AWS SDK v2 patcher,
// to check the v2 version. Our functions trace SDK v3 clients (`captureAWSv3Client`) and never load
// the v2 patcher's code path, so the 28 KB package is replaced by this stub in every bundle.
module.exports = {
  gte() {
    throw new Error('semver is stubbed out of the Lambda bundles: AWS SDK v2 tracing is not supported');
  },
};
