# Sourced by tests. build_hand_platform writes, in the current directory, the platform repository
# a team following gitops-platform-guide.md by hand would (tests/fixtures/hand-platform/README.md),
# and commits it with the git CLI; gitopsgen writes none of it. Needs SOURCE_DIR.
build_hand_platform() {
  local fixtures="$SOURCE_DIR/tests/fixtures" svc env replicas
  cp -r "$fixtures/hand-platform/charts" .
  mkdir -p charts/vsf-miniapp/ci applications/dev applications/staging applications/production bootstrap
  for svc in service-a service-b service-c; do
    # Production: the guide's file as it is, without the fixture's header comment.
    sed '/^# Fixture/,/^$/d' "$fixtures/guide/$svc-production.yaml" >charts/vsf-miniapp/ci/$svc-production.yaml
    for env in dev staging; do
      replicas=1; [ "$env" = staging ] && replicas=2
      sed -e "s/^replicaCount: .*/replicaCount: $replicas/" \
          -e "s/host: $svc\.vsf-miniapp\.com/host: $svc.$env.vsf-miniapp.com/" \
          -e "s|objectName: \"production/|objectName: \"$env/|" \
          charts/vsf-miniapp/ci/$svc-production.yaml >charts/vsf-miniapp/ci/$svc-$env.yaml
    done
    for env in dev staging production; do
      # The guide's Application of section 6, for this service and environment.
      cat >applications/$env/vsf-miniapp-$svc.yaml <<YAML
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: vsf-miniapp-$svc-$env
  namespace: argocd
  finalizers:
    - resources-finalizer.argocd.argoproj.io
  labels:
    environment: $env
    app: vsf-miniapp
    service: $svc
spec:
  project: default

  source:
    repoURL: https://github.com/oNddleo/gitops.git
    targetRevision: HEAD
    path: charts/vsf-miniapp
    helm:
      valueFiles:
        - ci/$svc-$env.yaml

  destination:
    server: https://kubernetes.default.svc
    namespace: $env

  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
    retry:
      limit: 5
      backoff:
        duration: 5s
        factor: 2
        maxDuration: 3m
YAML
    done
  done
  for env in dev staging production; do
    cat >applications/app-of-apps-$env.yaml <<YAML
# App of Apps for $env (guide section 5)
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app-of-apps-$env
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/oNddleo/gitops.git
    targetRevision: HEAD
    path: applications/$env
  destination:
    server: https://kubernetes.default.svc
    namespace: argocd
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
YAML
  done
  cat >bootstrap/root-app.yaml <<'YAML'
# Root Application (guide section 5): the app-of-apps of every environment.
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: root
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/oNddleo/gitops.git
    targetRevision: HEAD
    path: applications
    directory:
      include: 'app-of-apps-*.yaml'
  destination:
    server: https://kubernetes.default.svc
    namespace: argocd
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
YAML
  git init -q -b main .
  git add -A
  git -c user.name=Hand -c user.email=hand@example.test commit -qm "platform written by hand from the guide"
}
