{{/*
Helpers shared by every template. Names are generic ("platform.*") because these
templates are copied unchanged into the chart of every platform.
*/}}

{{/*
The app.kubernetes.io/name label, part of every selector: nameOverride, else the chart name.
`migrate rename-chart` sets nameOverride to the old name, because Kubernetes cannot change a
running Deployment's selector.
*/}}
{{- define "platform.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Service name: names the Deployment, Service and ServiceAccount. Falls back to the
release name.
*/}}
{{- define "platform.fullname" -}}
{{- .Values.serviceName | default .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of the SecretProviderClass and of the Kubernetes Secret it syncs.
*/}}
{{- define "platform.secretName" -}}
{{- printf "%s-secrets" (include "platform.fullname" .) }}
{{- end }}

{{/*
Name of the Certificate, and of the Secret of the hosts' certificate the IngressRoute serves.
*/}}
{{- define "platform.tlsSecretName" -}}
{{- printf "%s-tls" (include "platform.fullname" .) }}
{{- end }}

{{/*
Name of the ConfigMap rendered from .Values.config.
*/}}
{{- define "platform.configMapName" -}}
{{- printf "%s-config" (include "platform.fullname" .) }}
{{- end }}

{{/*
Name of the ServiceAccount the pods run as.
*/}}
{{- define "platform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- .Values.serviceAccount.name | default (include "platform.fullname" .) }}
{{- else }}
{{- .Values.serviceAccount.name | default "default" }}
{{- end }}
{{- end }}

{{/*
Image tag: image.tag, else the chart's appVersion.
*/}}
{{- define "platform.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion | toString }}
{{- end }}

{{/*
Full image reference; an empty repository falls back to the service name.
*/}}
{{- define "platform.image" -}}
{{- printf "%s:%s" (.Values.image.repository | default (include "platform.fullname" .)) (include "platform.imageTag" .) }}
{{- end }}

{{/*
Selector labels: identify the pods of one service.
*/}}
{{- define "platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
service: {{ include "platform.fullname" . }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "platform.labels" -}}
helm.sh/chart: {{ include "platform.chart" . }}
{{ include "platform.selectorLabels" . }}
app.kubernetes.io/version: {{ include "platform.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Informational annotations (language, runtime) as a YAML map; empty when neither is set.
*/}}
{{- define "platform.runtimeAnnotations" -}}
{{- $annotations := dict }}
{{- with .Values.language }}
{{- $_ := set $annotations "language" (toString .) }}
{{- end }}
{{- with .Values.runtime }}
{{- $_ := set $annotations "runtime" (toString .) }}
{{- end }}
{{- with $annotations }}
{{- toYaml . }}
{{- end }}
{{- end }}

{{/*
Pod annotations: .Values.podAnnotations (Linkerd, Reloader, ...), the language/runtime
annotations and a checksum of the ConfigMap, merged into one map (explicit podAnnotations
win) with every value rendered as a string.
*/}}
{{- define "platform.podAnnotations" -}}
{{- $annotations := dict }}
{{- range $key, $value := .Values.podAnnotations }}
{{- $_ := set $annotations $key (toString $value) }}
{{- end }}
{{- $annotations = merge $annotations (include "platform.runtimeAnnotations" . | fromYaml) }}
{{- $_ := set $annotations "checksum/config" (include (print .Template.BasePath "/configmap.yaml") . | sha256sum) }}
{{- toYaml $annotations }}
{{- end }}

{{/*
Traefik match rule for one host (may be empty) and one path entry (may be nil).
Called with (dict "host" HOST "path" PATHENTRY).
*/}}
{{- define "platform.ingressMatch" -}}
{{- $rules := list }}
{{- with .host }}
{{- $rules = append $rules (printf "Host(`%s`)" .) }}
{{- end }}
{{- with .path }}
{{- with .path }}
{{- if eq (toString $.path.pathType) "Exact" }}
{{- $rules = append $rules (printf "Path(`%s`)" .) }}
{{- else }}
{{- $rules = append $rules (printf "PathPrefix(`%s`)" .) }}
{{- end }}
{{- end }}
{{- end }}
{{- if not $rules }}
{{- fail "ingress.hosts: each route needs a host or a path" }}
{{- end }}
{{- join " && " $rules }}
{{- end }}

{{/*
secretsManager.objects as the YAML text of the SecretProviderClass "objects" parameter,
laid out as in the AWS provider documentation: objectName and objectType first, then
jmesPath (path, objectAlias), then any other key (objectVersion, filePermission, ...).
*/}}
{{- define "platform.secretObjectsYaml" -}}
{{- range .Values.secretsManager.objects }}
- objectName: {{ required "secretsManager.objects[].objectName is required" .objectName | toString | quote }}
  {{- with .objectType }}
  objectType: {{ . | toString | quote }}
  {{- end }}
  {{- with .jmesPath }}
  jmesPath:
    {{- range . }}
    - path: {{ required "secretsManager.objects[].jmesPath[].path is required" .path | toString | quote }}
      objectAlias: {{ required "secretsManager.objects[].jmesPath[].objectAlias is required" .objectAlias | toString | quote }}
    {{- end }}
  {{- end }}
  {{- with omit . "objectName" "objectType" "jmesPath" }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- end }}
