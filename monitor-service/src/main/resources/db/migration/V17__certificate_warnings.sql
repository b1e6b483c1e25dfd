-- The certificate each tls monitor was last warned about (CertificateExpiring), told apart by the UTC day it
-- expires: one warning per certificate.
CREATE TABLE certificate_warning (
    monitor_id UUID PRIMARY KEY REFERENCES monitor (id) ON DELETE CASCADE,
    expires_on DATE        NOT NULL,
    warned_at  TIMESTAMPTZ NOT NULL
);
