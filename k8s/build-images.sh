#!/usr/bin/env bash
# Builds the four service images with Jib (no Docker daemon) and pushes them to a registry, tagged as the k8s/
# overlays expect: npsloop/<service>:<version> (jvm, overlays/dev) or npsloop/<service>:<version>-native (native,
# overlays/prod). Usage: k8s/build-images.sh jvm|native REGISTRY [extra maven args…]
#   e.g. k8s/build-images.sh jvm registry.example.com -Dquarkus.container-image.username=ci -Dquarkus.container-image.password=…
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: $0 jvm|native REGISTRY [maven args…]}
registry=${2:?usage: $0 jvm|native REGISTRY [maven args…]}
shift 2
version=$(./mvnw -q -N help:evaluate -Dexpression=project.version -DforceStdout)
args=(-B -pl gateway,survey-service,analytics-service,referral-service -am package -DskipTests
      -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true
      "-Dquarkus.container-image.registry=$registry")
case "$mode" in
  jvm) ;;
  native) args+=(-Pnative "-Dquarkus.container-image.tag=$version-native") ;;
  *) echo "mode must be jvm or native" >&2; exit 2 ;;
esac
./mvnw "${args[@]}" "$@"
tag=$version; [ "$mode" = native ] && tag=$version-native
echo "pushed $registry/npsloop/{gateway,survey-service,analytics-service,referral-service}:$tag"
echo "point an overlay at them: (cd k8s/overlays/<dev|prod> && for s in gateway survey-service analytics-service referral-service; do kustomize edit set image npsloop/\$s=$registry/npsloop/\$s:$tag; done)"
