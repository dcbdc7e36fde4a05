"""Who is using the dashboard and what they may see and do: sign-in (OpenID Connect through
Streamlit, or a trusted reverse-proxy header), roles and unit scope stored in the database,
and the audit trail. See docs/security.md."""
