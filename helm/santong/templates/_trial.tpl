{{- /* Helpers of trial mode (trial.yaml). */}}
{{- define "santong.trialLabels" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/component: trial
app.kubernetes.io/part-of: santong
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}
{{- define "santong.trialSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: {{ .readOnly }}
  privileged: false
  capabilities:
    drop: ["ALL"]
{{- end }}
{{- define "santong.trialPod" -}}
automountServiceAccountToken: {{ .automount | default false }}
securityContext:
  runAsNonRoot: true
  runAsUser: {{ .uid }}
  runAsGroup: {{ .uid }}
  fsGroup: {{ .uid }}
  seccompProfile:
    type: RuntimeDefault
{{- end }}
