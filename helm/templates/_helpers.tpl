{{- define "healthscore.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "healthscore.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "healthscore.selectorLabels" -}}
app.kubernetes.io/name: {{ include "healthscore.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "healthscore.labels" -}}
{{ include "healthscore.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "healthscore.secretName" -}}
{{- default (include "healthscore.fullname" .) .Values.database.existingSecret -}}
{{- end -}}

{{/* The pods' ServiceAccount. */}}
{{- define "healthscore.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "healthscore.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}
