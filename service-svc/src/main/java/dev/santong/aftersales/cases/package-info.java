/** Opening after-sales cases from any channel and who may see them. */
@OwnsTables({"aftersales_case", "case_attachment", "case_effect", "case_event", "case_line", "case_purchase", "member_erasure", "refund_instruction",
        "service_level", "sla_breach"})
package dev.santong.aftersales.cases;

import dev.santong.platform.kit.module.OwnsTables;
