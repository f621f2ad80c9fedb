// Sprig's crypto functions: genPrivateKey genCA genCAWithKey genSelfSignedCert
// genSelfSignedCertWithKey genSignedCert genSignedCertWithKey buildCustomCert
// (sprig.certificate objects with .Cert and .Key), derivePassword, bcrypt,
// htpasswd, encryptAES, decryptAES, randBytes.
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerCryptoFunctions(FunctionTable& table);

}  // namespace ho::tmpl
