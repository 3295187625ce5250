import { Fn } from "cdktf";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { RamPolicy } from "../.gen/providers/alicloud/ram-policy";
import { RamRole } from "../.gen/providers/alicloud/ram-role";
import { RamRolePolicyAttachment } from "../.gen/providers/alicloud/ram-role-policy-attachment";

/** One statement of a RAM policy: the actions allowed on the resources (ACS ARNs). */
export interface RamPolicyStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export interface ServiceRoleProps {
  /** The RAM role's name (unique in the account; RAM is global, the role is not in a region). */
  readonly roleName: string;
  readonly description: string;
  /** The cloud service that alone may assume the role, e.g. `oss.aliyuncs.com`. */
  readonly service: string;
  /** What the role may do, as a custom policy of its own; none by default. */
  readonly statements?: readonly RamPolicyStatement[];
  /** Alibaba Cloud system policies to attach, where the service documents one; none by default. */
  readonly systemPolicies?: readonly string[];
}

/**
 * A RAM role that one cloud service assumes to act for the account (OSS to replicate, SLS to use a CMK),
 * with nothing attached but what is given.
 */
export class ServiceRole extends Construct {
  private readonly role: RamRole;
  private readonly attachments: RamRolePolicyAttachment[] = [];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new RamRole(this, "role", {
      name: props.roleName,
      description: props.description,
      document: Fn.jsonencode({
        Version: "1",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: [props.service] } }],
      }),
    });
    if (props.statements?.length) {
      const policy = new RamPolicy(this, "policy", {
        policyName: props.roleName,
        description: props.description,
        policyDocument: Fn.jsonencode({
          Version: "1",
          Statement: props.statements.map((statement) => ({
            Effect: "Allow",
            Action: statement.actions,
            Resource: statement.resources,
          })),
        }),
      });
      this.attach("custom-policy", policy.policyName, "Custom");
    }
    for (const policyName of props.systemPolicies ?? []) {
      this.attach(policyName, policyName, "System");
    }
  }

  private attach(id: string, policyName: string, policyType: "Custom" | "System"): void {
    this.attachments.push(
      new RamRolePolicyAttachment(this, id, { roleName: this.role.name, policyName, policyType }),
    );
  }

  get roleName(): string {
    return this.role.name;
  }

  get roleArn(): string {
    return this.role.arn;
  }

  /**
   * The role's policy attachments: a resource that uses the role depends on them, or Terraform creates it
   * in parallel with them and its first use of the role fails (the role's name or ARN alone orders only
   * after the role).
   */
  get grants(): ITerraformDependable[] {
    return [...this.attachments];
  }
}
