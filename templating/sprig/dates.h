// Sprig's date functions: now date dateInZone/date_in_zone htmlDate
// htmlDateInZone dateModify/date_modify mustDateModify/must_date_modify ago
// duration durationRound toDate mustToDate unixEpoch.
#pragma once

#include "templating/function_table.h"

namespace ho::tmpl {

void registerDateFunctions(FunctionTable& table);

}  // namespace ho::tmpl
