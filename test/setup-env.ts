// Tests never talk to a cloud or to Terraform's update service.
process.env.CHECKPOINT_DISABLE = "1";
